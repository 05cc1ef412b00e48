import { Observable, Subject } from 'rxjs';
import type {
  ExistingPeriodicWorkPolicy,
  ExistingWorkPolicy,
} from '../model/existing-work-policy.js';
import { StopReason } from '../model/stop-reason.js';
import type { UpdateResult } from '../model/update-result.js';
import { WorkError } from '../model/work-error.js';
import { type WorkInfo, workInfoEquals, workInfoFromSpec } from '../model/work-info.js';
import { validateWorkQuery, type WorkQuery } from '../model/work-query.js';
import { normaliseForSemantics, type WorkRequest } from '../model/work-request.js';
import {
  ANDROIDX_SEMANTICS,
  resolveSemantics,
  type WorkSemantics,
} from '../model/work-semantics.js';
import type { WorkSpec } from '../model/work-spec.js';
import { workSpecFromRequest } from '../model/work-spec-template.js';
import { type Clock, systemClock, type TimerHandle } from '../ports/clock.js';
import type { ConstraintTracker } from '../ports/constraint-tracker.js';
import { ALL_CONDITIONS_MET, type DeviceConditions } from '../ports/device-conditions.js';
import { consoleLogger, type Logger } from '../ports/logger.js';
import { randomWorkId } from '../ports/random-id.js';
import type {
  CancelSelector,
  ClaimDueWorkParams,
  EnqueueWorkParams,
  WorkStore,
} from '../ports/work-store.js';
import type { WorkSelector } from '../ports/work-transaction.js';
import { unmetConstraintStopReason } from '../rules/constraints-met.js';
import { memoryStore } from '../store/memory-store.js';
import { EnqueueScope, type WorkEnqueuer } from './enqueue-scope.js';
import type { WorkContinuation } from './work-continuation.js';
import type { WorkManager, WorkRequests } from './work-manager.js';
import { requireName, toRequestList, workInfoListsEqual } from './work-manager-arguments.js';
import type { CreateWorkManagerOptions } from './work-manager-config.js';
import { WorkerRunner } from './worker-runner.js';

/**
 * Decides which ENQUEUED works start, in place of the engine's own "due now" rule: the test
 * kit's driver mode (androidx's TestDriver) plugs in here.
 */
export interface StartGate {
  /** Called after every change that may let work start (androidx's scheduling pass). */
  onSchedulingPass(engine: WorkManagerEngine): Promise<void>;
}

/**
 * The core engine: the WorkManager API over any WorkStore. Decides every transition through
 * the pure rules (via the store operations), runs workers with bounded concurrency, starts
 * due work without polling delay inside the process, and wakes on a timer for the next due
 * time read from the store.
 */
export class WorkManagerEngine implements WorkManager {
  readonly store: WorkStore;
  readonly clock: Clock;
  readonly semantics: WorkSemantics;
  readonly logger: Logger;
  readonly owner: string;
  /** Emits after every change this engine made or noticed. */
  readonly changes = new Subject<void>();

  private readonly ownsStore: boolean;
  private readonly constraints: ConstraintTracker | undefined;
  private readonly maxConcurrency: number;
  private readonly leaseMillis: number;
  private readonly pollIntervalMillis: number;
  private readonly closeStopReason: number;
  private readonly runner: WorkerRunner;
  private readonly enqueuer: EnqueueScope = new EnqueueScope(this, undefined);
  private readonly pending = new Set<Promise<unknown>>();
  private activity = 0;
  private closed = false;
  private passScheduled = false;
  private passRunning = false;
  private passAgain = false;
  private dueTimer: { at: number; handle: TimerHandle } | null = null;
  private housekeeping: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private unsubscribeConstraints: (() => void) | null = null;
  private unwatchStore: (() => void) | null = null;

  private constructor(
    options: CreateWorkManagerOptions,
    private readonly gate: StartGate | null,
  ) {
    const config = options.config ?? {};
    this.ownsStore = options.store === undefined;
    this.logger = config.logger ?? consoleLogger;
    this.store = options.store ?? memoryStore({ logger: this.logger });
    this.clock = options.clock ?? systemClock;
    this.constraints = options.constraints;
    this.semantics = resolveSemantics(config.semantics);
    this.maxConcurrency = positiveInteger(config.maxConcurrency ?? 8, 'maxConcurrency');
    this.leaseMillis = positiveInteger(config.leaseMillis ?? 30_000, 'leaseMillis');
    this.pollIntervalMillis = positiveInteger(
      config.pollIntervalMillis ?? 250,
      'pollIntervalMillis',
    );
    this.closeStopReason = config.closeStopReason ?? StopReason.SYSTEM_PROCESSING;
    this.owner = config.owner ?? randomWorkId();
    this.runner = new WorkerRunner({
      workers: options.workers,
      store: this.store,
      clock: this.clock,
      semantics: this.semantics,
      logger: this.logger,
      owner: this.owner,
      onProgress: () => this.notifyChanged(),
      track: (write) => this.track(write),
      claimNext: () => this.claimParams(1),
      onClaimed: (claimed) => this.startClaimed(claimed),
      onRunEnded: () => this.afterWrite(),
    });
  }

  /**
   * Opens an engine: prunes finished work past its retention, recovers runs left by a dead
   * process (spec §13), then starts whatever is due.
   */
  static async open(
    options: CreateWorkManagerOptions,
    gate: StartGate | null = null,
  ): Promise<WorkManagerEngine> {
    const engine = new WorkManagerEngine(options, gate);
    const shared = options.config?.sharedStore ?? engine.store.capabilities.multiProcess;
    const recoverAll =
      (options.config?.recoverOnOpen ?? (shared ? 'expired-leases' : 'all')) === 'all';
    const now = engine.clock.now();
    await engine.store.pruneWork({ retentionCutoff: now - engine.semantics.pruneThresholdMillis });
    await engine.store.recoverRuns({
      now,
      semantics: engine.semantics,
      ...(recoverAll ? {} : { leaseExpiredBefore: now }),
    });
    engine.unsubscribeConstraints =
      engine.constraints?.subscribe(() => engine.onConditionsChanged()) ?? null;
    engine.unwatchStore = engine.store.watchChanges?.(() => engine.afterWrite()) ?? null;
    if (shared) engine.armHousekeeping();
    engine.wake();
    return engine;
  }

  // ---- enqueue -------------------------------------------------------------------------

  enqueue(requests: WorkRequests): Promise<void> {
    return this.enqueuer.enqueue(requests);
  }

  beginWith(requests: WorkRequests): WorkContinuation {
    return this.enqueuer.beginWith(requests);
  }

  beginUniqueWork(
    uniqueName: string,
    policy: ExistingWorkPolicy,
    requests: WorkRequests,
  ): WorkContinuation {
    return this.enqueuer.beginUniqueWork(uniqueName, policy, requests);
  }

  enqueueUniqueWork(
    uniqueName: string,
    policy: ExistingWorkPolicy,
    requests: WorkRequests,
  ): Promise<void> {
    return this.enqueuer.enqueueUniqueWork(uniqueName, policy, requests);
  }

  enqueueUniquePeriodicWork(
    uniqueName: string,
    policy: ExistingPeriodicWorkPolicy,
    request: WorkRequest,
  ): Promise<void> {
    return this.enqueuer.enqueueUniquePeriodicWork(uniqueName, policy, request);
  }

  /**
   * The enqueue calls, inside the caller's own open database transaction: the work exists
   * only if that transaction commits (stores whose capabilities say `transactionalEnqueue`,
   * e.g. PostgreSQL with the pg client the transaction runs on). Nothing is claimed or
   * started from inside it; engines wake when it commits.
   */
  inTransaction(transaction: unknown): WorkEnqueuer {
    this.assertOpen();
    if (!this.store.capabilities.transactionalEnqueue) {
      throw new WorkError(
        'UNSUPPORTED_OPERATION',
        'This store cannot enqueue inside your transaction: use a store whose capabilities ' +
          'include transactionalEnqueue (e.g. postgresStore), or enqueue after committing.',
      );
    }
    if (transaction === null || transaction === undefined) {
      throw new WorkError(
        'INVALID_REQUEST',
        'inTransaction() needs the open transaction to enqueue in (for PostgreSQL, the pg client).',
      );
    }
    return new EnqueueScope(this, transaction);
  }

  /**
   * Stores one enqueue call (for {@link EnqueueScope}). Outside a caller's transaction it also
   * claims due work for free slots and stops runs the call cancelled.
   */
  async storeEnqueue(
    params: Omit<EnqueueWorkParams, 'semantics' | 'claim' | 'within'>,
    within: unknown,
  ): Promise<void> {
    if (within !== undefined) {
      await this.track(this.store.enqueueWork({ ...params, semantics: this.semantics, within }));
      return;
    }
    const claim = this.claimParams(this.maxConcurrency - this.runner.size);
    const result = await this.track(
      this.store.enqueueWork({ ...params, semantics: this.semantics, ...(claim ? { claim } : {}) }),
    );
    this.stopRuns(result.stoppedRuns, StopReason.CANCELLED_BY_APP);
    this.startClaimed(result.claimed);
    this.afterWrite();
  }

  /**
   * Parameters to claim due work for `slots` free slots inside another store call (an enqueue
   * or a run's conclusion), saving a commit; undefined when this engine must not claim now.
   */
  private claimParams(slots: number): ClaimDueWorkParams | undefined {
    if (this.closed || this.gate || slots <= 0) return undefined;
    return {
      owner: this.owner,
      leaseExpiresAt: this.clock.now() + this.leaseMillis,
      limit: slots,
      conditions: this.conditions(),
    };
  }

  private startClaimed(claimed: readonly WorkSpec[]): void {
    for (const spec of claimed) this.startRun(spec);
    if (claimed.length > 0) this.notifyChanged();
  }

  /** The stored form of a request (for {@link EnqueueScope}). */
  template(
    request: WorkRequest,
    prerequisites: readonly string[],
    uniqueName: string | null,
  ): WorkSpec {
    const normalised =
      this.semantics === ANDROIDX_SEMANTICS
        ? request
        : normaliseForSemantics(request, this.semantics, this.logger);
    if (normalised.input.sizeInBytes() > this.semantics.maxDataBytes) {
      throw new WorkError(
        'DATA_TOO_LARGE',
        `Input of ${request.id} is ${normalised.input.sizeInBytes()} bytes; the limit is ${this.semantics.maxDataBytes}.`,
      );
    }
    return workSpecFromRequest(normalised, { prerequisites, uniqueName });
  }

  // ---- update and cancel ---------------------------------------------------------------

  updateWork(request: WorkRequest): Promise<UpdateResult> {
    return this.guard(async () => {
      const [req] = toRequestList(request, 'updateWork');
      const { result } = await this.track(
        this.store.updateWork({
          work: this.template(req!, [], null),
          now: this.clock.now(),
          semantics: this.semantics,
        }),
      );
      this.afterWrite();
      return result;
    });
  }

  cancelWorkById(id: string): Promise<void> {
    return this.cancel(() => ({ id: requireName(id, 'id') }));
  }

  cancelAllWorkByTag(tag: string): Promise<void> {
    return this.cancel(() => ({ tag: requireName(tag, 'tag') }));
  }

  cancelUniqueWork(uniqueName: string): Promise<void> {
    return this.cancel(() => ({ uniqueName: requireName(uniqueName, 'uniqueName') }));
  }

  cancelAllWork(): Promise<void> {
    return this.cancel(() => ({ all: true }));
  }

  private cancel(select: () => CancelSelector): Promise<void> {
    return this.guard(async () => {
      const selector = select();
      const result = await this.track(this.store.cancelWork({ selector, now: this.clock.now() }));
      this.stopRuns(result.stoppedRuns, StopReason.CANCELLED_BY_APP);
      this.afterWrite();
    });
  }

  pruneWork(): Promise<void> {
    return this.guard(async () => {
      await this.track(this.store.pruneWork({}));
      this.notifyChanged();
    });
  }

  // ---- queries and observation --------------------------------------------------------

  getWorkInfoById(id: string): Promise<WorkInfo | null> {
    return this.guard(async () => {
      const spec = await this.store.getWork(requireName(id, 'id'));
      return spec ? workInfoFromSpec(spec) : null;
    });
  }

  getWorkInfosByTag(tag: string): Promise<WorkInfo[]> {
    return this.guard(() => this.find({ tags: [requireName(tag, 'tag')] }));
  }

  getWorkInfosForUniqueWork(uniqueName: string): Promise<WorkInfo[]> {
    return this.guard(() => this.find({ uniqueNames: [requireName(uniqueName, 'uniqueName')] }));
  }

  getWorkInfos(query: WorkQuery): Promise<WorkInfo[]> {
    return this.guard(() => this.find(validateWorkQuery(query)));
  }

  getWorkInfosByIds(ids: readonly string[]): Promise<WorkInfo[]> {
    return this.find({ ids });
  }

  observeWorkInfoById(id: string): Observable<WorkInfo | null> {
    requireName(id, 'id');
    return this.observe(
      () => this.getWorkInfoById(id),
      (a, b) => (a === null || b === null ? a === b : workInfoEquals(a, b)),
    );
  }

  observeWorkInfosByTag(tag: string): Observable<WorkInfo[]> {
    requireName(tag, 'tag');
    return this.observe(() => this.getWorkInfosByTag(tag), workInfoListsEqual);
  }

  observeWorkInfosForUniqueWork(uniqueName: string): Observable<WorkInfo[]> {
    requireName(uniqueName, 'uniqueName');
    return this.observe(() => this.getWorkInfosForUniqueWork(uniqueName), workInfoListsEqual);
  }

  observeWorkInfos(query: WorkQuery): Observable<WorkInfo[]> {
    const selector = validateWorkQuery(query);
    return this.observe(() => this.find(selector), workInfoListsEqual);
  }

  observeWorkInfosByIds(ids: readonly string[]): Observable<WorkInfo[]> {
    return this.observe(() => this.find({ ids }), workInfoListsEqual);
  }

  getLastCancelAllTimeMillis(): Promise<number> {
    return this.guard(() => this.store.getLastCancelAllTime());
  }

  private async find(selector: WorkSelector): Promise<WorkInfo[]> {
    this.assertOpen();
    return (await this.store.findWorks(selector)).map(workInfoFromSpec);
  }

  /**
   * A query re-run after every change, emitting only distinct answers. Changes arriving while a
   * query runs coalesce into one more run, so a burst of writes costs two queries, not N.
   */
  private observe<T>(query: () => Promise<T>, equals: (a: T, b: T) => boolean): Observable<T> {
    return new Observable<T>((subscriber) => {
      let last: { value: T } | null = null;
      let running = false;
      let dirty = false;
      let unsubscribed = false;
      const run = async (): Promise<void> => {
        if (running) {
          dirty = true;
          return;
        }
        running = true;
        try {
          do {
            dirty = false;
            if (this.closed) {
              subscriber.complete();
              return;
            }
            const value = await query();
            if (unsubscribed) return;
            if (!last || !equals(last.value, value)) {
              last = { value };
              subscriber.next(value);
            }
          } while (dirty && !unsubscribed);
        } catch (error) {
          if (this.closed) subscriber.complete();
          else subscriber.error(error);
        } finally {
          running = false;
        }
      };
      const subscription = this.changes.subscribe({
        next: () => void this.track(run()),
        complete: () => subscriber.complete(),
      });
      void this.track(run());
      return () => {
        unsubscribed = true;
        subscription.unsubscribe();
      };
    });
  }

  // ---- running work --------------------------------------------------------------------

  /** Ids of the works this engine runs now. */
  get runningIds(): string[] {
    return this.runner.runningIds();
  }

  /** The conditions constraints are checked against now. */
  conditions(): DeviceConditions {
    return this.constraints?.current() ?? ALL_CONDITIONS_MET;
  }

  /**
   * Claims the given ENQUEUED works and starts them, whatever their due time or constraints
   * (the TestDriver's path). Returns the ids that started.
   */
  async startWorks(ids: readonly string[]): Promise<string[]> {
    // maxConcurrency bounds the driver's starts too; the rest start when a slot frees.
    const free = this.maxConcurrency - this.runner.size;
    if (this.closed || ids.length === 0 || free <= 0) return [];
    const claimed = await this.track(
      this.store.claimWork({
        now: this.clock.now(),
        owner: this.owner,
        leaseExpiresAt: this.clock.now() + this.leaseMillis,
        limit: Math.min(ids.length, free),
        conditions: this.conditions(),
        ids,
      }),
    );
    this.startClaimed(claimed);
    return claimed.map((s) => s.id);
  }

  /** Stops a live run of this engine; its work returns to ENQUEUED with `reason` (spec §3.2). */
  stopRun(id: string, reason: number): boolean {
    return this.runner.stop(id, reason);
  }

  private stopRuns(ids: readonly string[], reason: number): void {
    for (const id of ids) this.runner.stop(id, reason);
  }

  private startRun(spec: WorkSpec): void {
    // The worker itself is not engine work (settle must not wait on a worker held by a test
    // latch); the runner tracks its conclusion and reports its end through onRunEnded.
    this.runner.start(spec, this.conditions());
  }

  /** Something changed that may let work start: schedule one pass (coalesced). */
  wake(): void {
    if (this.closed || this.passScheduled) return;
    this.passScheduled = true;
    queueMicrotask(() => {
      this.passScheduled = false;
      void this.track(
        this.pass().catch((error: unknown) => {
          // A store fault (e.g. STORE_BUSY past its retries) must not stop scheduling: log it
          // and look again after a poll interval.
          this.logger.error('Scheduling pass failed; retrying', { error: String(error) });
          this.retryTimer ??= this.clock.setTimer(
            this.clock.now() + this.pollIntervalMillis,
            () => {
              this.retryTimer = null;
              this.wake();
            },
          );
        }),
      );
    });
  }

  private afterWrite(): void {
    this.notifyChanged();
    this.wake();
  }

  private notifyChanged(): void {
    this.activity++;
    if (!this.closed) this.changes.next();
  }

  private async pass(): Promise<void> {
    if (this.passRunning) {
      this.passAgain = true;
      return;
    }
    this.passRunning = true;
    try {
      do {
        this.passAgain = false;
        if (this.closed) return;
        if (this.gate) {
          await this.gate.onSchedulingPass(this);
          continue;
        }
        const free = this.maxConcurrency - this.runner.size;
        const conditions = this.conditions();
        if (free > 0) {
          const now = this.clock.now();
          const claimed = await this.store.claimWork({
            now,
            owner: this.owner,
            leaseExpiresAt: now + this.leaseMillis,
            limit: free,
            conditions,
          });
          this.startClaimed(claimed);
          if (claimed.length === free) continue; // there may be more due right now
        }
        if (this.closed) return;
        // With every slot busy no timer is needed: a run's end wakes the engine.
        if (free > 0) this.armDueTimer(await this.store.nextDueTime(conditions));
      } while (this.passAgain && !this.closed);
    } finally {
      this.passRunning = false;
    }
  }

  private armDueTimer(at: number): void {
    if (this.closed || !Number.isFinite(at)) return;
    if (this.dueTimer && this.dueTimer.at <= at) return;
    this.dueTimer?.handle.cancel();
    const handle = this.clock.setTimer(at, () => {
      if (this.dueTimer?.handle === handle) this.dueTimer = null;
      this.wake();
    });
    this.dueTimer = { at, handle };
  }

  /** Multi-process stores: renew our leases, recover expired ones, notice others' writes. */
  private armHousekeeping(): void {
    const at = this.clock.now() + Math.min(this.pollIntervalMillis, this.leaseMillis / 3);
    this.housekeeping = this.clock.setTimer(at, () => {
      if (this.closed) return;
      const now = this.clock.now();
      void this.track(
        (async () => {
          const ids = this.runner.runningIds();
          if (ids.length > 0) {
            await this.store.renewLeases({
              owner: this.owner,
              ids,
              leaseExpiresAt: now + this.leaseMillis,
            });
          }
          const recovered = await this.store.recoverRuns({
            now,
            leaseExpiredBefore: now,
            semantics: this.semantics,
          });
          if (recovered.length > 0)
            this.logger.warn('Recovered runs whose lease expired', { ids: recovered });
          this.afterWrite();
        })().catch((error: unknown) =>
          this.logger.error('Housekeeping failed', { error: String(error) }),
        ),
      );
      this.armHousekeeping();
    });
  }

  private onConditionsChanged(): void {
    const conditions = this.conditions();
    for (const handle of this.runner.handles()) {
      const reason = unmetConstraintStopReason(handle.spec.constraints, conditions);
      if (reason !== null) this.runner.stop(handle.spec.id, reason);
    }
    this.wake();
  }

  // ---- lifecycle -----------------------------------------------------------------------

  /** Resolves when nothing the engine started internally is still pending (runs excluded). */
  async whenIdle(): Promise<number> {
    while (this.pending.size > 0 || this.passScheduled) {
      if (this.pending.size > 0) await Promise.allSettled([...this.pending]);
      else await Promise.resolve();
    }
    return this.activity;
  }

  /** True when nothing is pending and no run is live: nothing can happen until time moves. */
  get isQuiescent(): boolean {
    return this.pending.size === 0 && !this.passScheduled && this.runner.size === 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.dueTimer?.handle.cancel();
    this.housekeeping?.cancel();
    this.retryTimer?.cancel();
    this.unsubscribeConstraints?.();
    this.unwatchStore?.();
    await this.runner.stopAll(this.closeStopReason);
    await this.whenIdle();
    this.changes.complete();
    if (this.ownsStore) await this.store.close();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.activity++;
    this.pending.add(promise);
    const forget = (): void => {
      this.pending.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Runs an API call so that every error, validation included, rejects the promise. */
  async guard<T>(body: () => T | Promise<T>): Promise<T> {
    this.assertOpen();
    return body();
  }

  assertOpen(): void {
    if (this.closed) {
      throw new WorkError(
        'ILLEGAL_STATE',
        'This WorkManager is closed: create a new one with createWorkManager.',
      );
    }
  }
}

/** Creates a WorkManager on the core engine (DESIGN.md §3.4). */
export function createWorkManager(options: CreateWorkManagerOptions): Promise<WorkManager> {
  return WorkManagerEngine.open(options);
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new WorkError(
      'INVALID_REQUEST',
      `config.${name} must be a positive integer, got ${value}.`,
    );
  }
  return value;
}
