import {
  consoleLogger,
  type ExistingPeriodicWorkPolicy,
  type ExistingWorkPolicy,
  type Logger,
  randomWorkId,
  requireName,
  requirePolicy,
  requireRequests,
  StopReason,
  toRequestList,
  type UpdateResult,
  validateWorkQuery,
  type WorkContinuation,
  type WorkEnqueuer,
  WorkError,
  type Workers,
  type WorkInfo,
  type WorkManager,
  type WorkQuery,
  type WorkRequest,
  type WorkRequests,
  workInfoEquals,
  workInfoListsEqual,
} from '@workmanager-ts/core';
import { Observable } from 'rxjs';
import { AndroidWorkContinuation } from './android-work-continuation.js';
import { BridgeClient, type BridgeSession } from './bridge-client.js';
import type { BridgeTransport } from './bridge-transport.js';
import type { RunRequest } from './protocol/bridge-events.js';
import type { WireContinuationLevel } from './protocol/bridge-methods.js';
import { encodeWorkRequest } from './protocol/request-codec.js';
import type { WireWorkQuery } from './protocol/wire-work-query.js';
import { decodeWorkInfo } from './protocol/work-info-codec.js';
import { WorkerRuntime } from './worker-runtime.js';

/** Options of {@link createAndroidWorkManager}. */
export interface CreateAndroidWorkManagerOptions {
  /** The host's bridge: React Native, NativeScript, Capacitor or the stdio test harness. */
  readonly transport: BridgeTransport;
  /** The same workers object the core engine takes. */
  readonly workers: Workers;
  readonly logger?: Logger;
  /**
   * Serve `runRequested` events (NativeScript, Capacitor, stdio). React Native delivers runs
   * through its headless task instead; leaving this on there is harmless. Default true.
   */
  readonly dispatchRunEvents?: boolean;
}

/** The `WorkManager` of the Android backend, plus what host entry points need. */
export interface AndroidWorkManager extends WorkManager {
  readonly runtime: WorkerRuntime;
  readonly client: BridgeClient;
  /** For a host's background entry (React Native headless task): run and complete one run. */
  runHeadless(request: RunRequest): Promise<void>;
  /** What `hello` reported: SDK level and capabilities. */
  session(): Promise<BridgeSession>;
}

/**
 * Creates the `WorkManager` that drives real androidx.work on the device — the one-line swap
 * for `createWorkManager` (issue 5). Requests are validated and normalised by core before they
 * reach the wire, ids are generated here, and observers are built on native subscription
 * snapshots, emitting distinct changes only.
 */
export function createAndroidWorkManager(
  options: CreateAndroidWorkManagerOptions,
): AndroidWorkManager {
  return new AndroidWorkManagerImpl(options);
}

class AndroidWorkManagerImpl implements AndroidWorkManager {
  readonly runtime: WorkerRuntime;
  readonly client: BridgeClient;
  private readonly subscriptions = new Map<string, (infos: WorkInfo[]) => void>();
  private readonly activeQueries = new Map<string, WireWorkQuery>();
  private readonly detach: (() => void) | null;
  private readonly offSnapshots: () => void;
  private readonly offReset: () => void;
  private closed = false;

  constructor(options: CreateAndroidWorkManagerOptions) {
    const logger = options.logger ?? consoleLogger;
    this.runtime = new WorkerRuntime(options.workers, { logger });
    this.client = new BridgeClient(options.transport, {
      workerNames: () => this.runtime.workerNames,
      logger,
    });
    this.detach = options.dispatchRunEvents === false ? null : this.runtime.attach(this.client);
    this.offSnapshots = this.client.on('workInfos', (event) => {
      this.subscriptions.get(event.subscriptionId)?.(event.infos.map(decodeWorkInfo));
    });
    // A reloaded native session forgot our subscriptions: subscribe them again.
    this.offReset = this.client.on('sessionReset', () => this.resubscribe());
  }

  session(): Promise<BridgeSession> {
    return this.client.ready();
  }

  runHeadless(request: RunRequest): Promise<void> {
    return this.runtime.runAndComplete(this.client, request);
  }

  // ---- enqueue ------------------------------------------------------------------------

  async enqueue(requests: WorkRequests): Promise<void> {
    this.assertOpen();
    const list = requireRequests(toRequestList(requests, 'enqueue'), 'enqueue');
    await this.client.call('enqueue', { requests: list.map(encodeWorkRequest) });
  }

  beginWith(requests: WorkRequests): WorkContinuation {
    this.assertOpen();
    return new AndroidWorkContinuation(
      this,
      requireRequests(toRequestList(requests, 'beginWith'), 'beginWith'),
      [],
      null,
    );
  }

  beginUniqueWork(
    uniqueName: string,
    policy: ExistingWorkPolicy,
    requests: WorkRequests,
  ): WorkContinuation {
    this.assertOpen();
    requireName(uniqueName, 'uniqueName');
    requirePolicy(policy, ['REPLACE', 'KEEP', 'APPEND', 'APPEND_OR_REPLACE']);
    const list = requireRequests(toRequestList(requests, 'beginUniqueWork'), 'beginUniqueWork');
    return new AndroidWorkContinuation(this, list, [], { name: uniqueName, policy });
  }

  async enqueueUniqueWork(
    uniqueName: string,
    policy: ExistingWorkPolicy,
    requests: WorkRequests,
  ): Promise<void> {
    const continuation = this.beginUniqueWork(
      uniqueName,
      policy,
      requests,
    ) as AndroidWorkContinuation;
    await this.client.call('enqueueUniqueWork', {
      uniqueName,
      policy,
      requests: continuation.requests.map(encodeWorkRequest),
    });
  }

  async enqueueUniquePeriodicWork(
    uniqueName: string,
    policy: ExistingPeriodicWorkPolicy,
    request: WorkRequest,
  ): Promise<void> {
    this.assertOpen();
    requireName(uniqueName, 'uniqueName');
    requirePolicy(policy, ['KEEP', 'REPLACE', 'UPDATE', 'CANCEL_AND_REENQUEUE']);
    const [req] = toRequestList(request, 'enqueueUniquePeriodicWork');
    if (req?.kind !== 'periodic') {
      throw new WorkError(
        'INVALID_REQUEST',
        'enqueueUniquePeriodicWork takes a request built with PeriodicWorkRequest.from.',
      );
    }
    if (
      (policy === 'REPLACE' || policy === 'CANCEL_AND_REENQUEUE') &&
      req.nextScheduleTimeOverrideGeneration > 0
    ) {
      throw new WorkError(
        'INVALID_REQUEST',
        `A request with a next-schedule-time override must be used with UPDATE or KEEP, not ${policy}.`,
      );
    }
    await this.client.call('enqueueUniquePeriodicWork', {
      uniqueName,
      policy,
      request: encodeWorkRequest(req),
    });
  }

  /** AndroidContinuationHost: one `enqueueChain` call for the pending levels. */
  async enqueueLevels(levels: readonly WireContinuationLevel[]): Promise<void> {
    this.assertOpen();
    await this.client.call('enqueueChain', { levels });
  }

  // ---- update and cancel --------------------------------------------------------------

  async updateWork(request: WorkRequest): Promise<UpdateResult> {
    this.assertOpen();
    const [req] = toRequestList(request, 'updateWork');
    const { result } = await this.client.call('updateWork', { request: encodeWorkRequest(req!) });
    return result;
  }

  async cancelWorkById(id: string): Promise<void> {
    this.assertOpen();
    await this.client.call('cancelWorkById', { id: requireName(id, 'id') });
  }

  async cancelAllWorkByTag(tag: string): Promise<void> {
    this.assertOpen();
    await this.client.call('cancelAllWorkByTag', { tag: requireName(tag, 'tag') });
  }

  async cancelUniqueWork(uniqueName: string): Promise<void> {
    this.assertOpen();
    await this.client.call('cancelUniqueWork', {
      uniqueName: requireName(uniqueName, 'uniqueName'),
    });
  }

  async cancelAllWork(): Promise<void> {
    this.assertOpen();
    await this.client.call('cancelAllWork', {});
  }

  async pruneWork(): Promise<void> {
    this.assertOpen();
    await this.client.call('pruneWork', {});
  }

  // ---- queries and observation --------------------------------------------------------

  async getWorkInfoById(id: string): Promise<WorkInfo | null> {
    this.assertOpen();
    const { info } = await this.client.call('getWorkInfoById', { id: requireName(id, 'id') });
    return info ? decodeWorkInfo(info) : null;
  }

  getWorkInfosByTag(tag: string): Promise<WorkInfo[]> {
    return this.find({ tags: [requireName(tag, 'tag')] });
  }

  getWorkInfosForUniqueWork(uniqueName: string): Promise<WorkInfo[]> {
    return this.find({ uniqueNames: [requireName(uniqueName, 'uniqueName')] });
  }

  async getWorkInfos(query: WorkQuery): Promise<WorkInfo[]> {
    return this.find(toWireQuery(query));
  }

  getWorkInfosByIds(ids: readonly string[]): Promise<WorkInfo[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.find({ ids });
  }

  observeWorkInfoById(id: string): Observable<WorkInfo | null> {
    requireName(id, 'id');
    return this.observe(
      { ids: [id] },
      (infos) => infos[0] ?? null,
      (a, b) => (a === null || b === null ? a === b : workInfoEquals(a, b)),
    );
  }

  observeWorkInfosByTag(tag: string): Observable<WorkInfo[]> {
    return this.observe({ tags: [requireName(tag, 'tag')] }, (infos) => infos, workInfoListsEqual);
  }

  observeWorkInfosForUniqueWork(uniqueName: string): Observable<WorkInfo[]> {
    return this.observe(
      { uniqueNames: [requireName(uniqueName, 'uniqueName')] },
      (infos) => infos,
      workInfoListsEqual,
    );
  }

  observeWorkInfos(query: WorkQuery): Observable<WorkInfo[]> {
    return this.observe(toWireQuery(query), (infos) => infos, workInfoListsEqual);
  }

  observeWorkInfosByIds(ids: readonly string[]): Observable<WorkInfo[]> {
    return this.observe({ ids }, (infos) => infos, workInfoListsEqual);
  }

  inTransaction(_transaction: unknown): WorkEnqueuer {
    throw new WorkError(
      'UNSUPPORTED_OPERATION',
      'androidx.work has no transactional enqueue: enqueue after your own change has committed.',
    );
  }

  async getLastCancelAllTimeMillis(): Promise<number> {
    this.assertOpen();
    return (await this.client.call('getLastCancelAllTimeMillis', {})).millis;
  }

  /**
   * Stops observing and serving runs, and aborts running JS workers. Work stays scheduled in
   * androidx.work: closing a JS handle never cancels device work.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.runtime.stopAll(StopReason.CANCELLED_BY_APP);
    this.detach?.();
    const ids = [...this.subscriptions.keys()];
    this.subscriptions.clear();
    await Promise.allSettled(
      ids.map((subscriptionId) => this.client.call('unsubscribe', { subscriptionId })),
    );
    this.offSnapshots();
    this.offReset();
    this.client.close();
  }

  private async find(query: WireWorkQuery): Promise<WorkInfo[]> {
    this.assertOpen();
    const { infos } = await this.client.call('getWorkInfos', { query });
    return infos.map(decodeWorkInfo);
  }

  /** An Observable over one native subscription: the first snapshot, then distinct changes. */
  private observe<T>(
    query: WireWorkQuery,
    select: (infos: WorkInfo[]) => T,
    equals: (a: T, b: T) => boolean,
  ): Observable<T> {
    this.assertOpen();
    return new Observable<T>((subscriber) => {
      const subscriptionId = randomWorkId();
      let last: { value: T } | null = null;
      this.subscriptions.set(subscriptionId, (infos) => {
        const value = select(infos);
        if (last && equals(last.value, value)) return;
        last = { value };
        subscriber.next(value);
      });
      this.activeQueries.set(subscriptionId, query);
      this.client
        .call('subscribe', { subscriptionId, query })
        .catch((error) => subscriber.error(error));
      return () => {
        this.activeQueries.delete(subscriptionId);
        if (!this.subscriptions.delete(subscriptionId) || this.closed) return;
        this.client.call('unsubscribe', { subscriptionId }).catch(() => {});
      };
    });
  }

  private resubscribe(): void {
    for (const [subscriptionId, query] of this.activeQueries) {
      this.client.call('subscribe', { subscriptionId, query }).catch(() => {});
    }
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new WorkError(
        'ILLEGAL_STATE',
        'This WorkManager is closed: create a new one with createAndroidWorkManager.',
      );
    }
  }
}

/** Validates with core's `validateWorkQuery`, then renames to the wire's fields. */
function toWireQuery(query: WorkQuery): WireWorkQuery {
  const selector = validateWorkQuery(query);
  return {
    ...(selector.ids ? { ids: selector.ids.map((id) => id.toLowerCase()) } : {}),
    ...(selector.tags ? { tags: selector.tags } : {}),
    ...(selector.uniqueNames ? { uniqueNames: selector.uniqueNames } : {}),
    ...(selector.states ? { states: selector.states } : {}),
  };
}
