import {
  assertChainable,
  assertNoCycles,
  continuationIds,
  type ExistingWorkPolicy,
  lineage,
  randomWorkId,
  toRequestList,
  type WorkContinuation,
  WorkError,
  type WorkInfo,
  type WorkRequest,
  type WorkRequests,
} from '@workmanager-ts/core';
import type { Observable } from 'rxjs';
import type { WireContinuationLevel } from './protocol/bridge-methods.js';
import { encodeWorkRequest } from './protocol/request-codec.js';

/** What a continuation needs from the Android work manager that made it. */
export interface AndroidContinuationHost {
  enqueueLevels(levels: readonly WireContinuationLevel[]): Promise<void>;
  getWorkInfosByIds(ids: readonly string[]): Promise<WorkInfo[]>;
  observeWorkInfosByIds(ids: readonly string[]): Observable<WorkInfo[]>;
}

/**
 * androidx's `WorkContinuation` for the Android backend: each level has a `levelId` so that the
 * native side can keep the real `WorkContinuation` object and a later `then` on an enqueued
 * level builds on it, exactly as on Android. Immutable; `enqueue` sends every level not yet
 * sent, parents first, in one `enqueueChain` call.
 */
export class AndroidWorkContinuation implements WorkContinuation {
  readonly levelId = randomWorkId();
  private enqueued: Promise<void> | null = null;

  constructor(
    private readonly host: AndroidContinuationHost,
    readonly requests: readonly WorkRequest[],
    readonly parents: readonly AndroidWorkContinuation[],
    readonly unique: { readonly name: string; readonly policy: ExistingWorkPolicy } | null,
  ) {
    assertChainable(requests);
  }

  /**
   * androidx's `WorkContinuation.combine` for continuations of this backend (core's
   * `WorkContinuation.combine` only accepts the core engine's continuations). The native side
   * adds androidx's own combine worker.
   */
  static combine(continuations: readonly WorkContinuation[]): WorkContinuation {
    const impls = continuations.map((c) => {
      if (!(c instanceof AndroidWorkContinuation)) {
        throw new WorkError(
          'INVALID_CONTINUATION',
          'AndroidWorkContinuation.combine takes continuations of an Android WorkManager.',
        );
      }
      return c;
    });
    const first = impls[0];
    if (!first || impls.some((c) => c.host !== first.host)) {
      throw new WorkError(
        'INVALID_CONTINUATION',
        'combine needs at least one continuation, all of one WorkManager.',
      );
    }
    return new AndroidWorkContinuation(first.host, [], impls, null);
  }

  then(requests: WorkRequests): WorkContinuation {
    const list = toRequestList(requests, 'then');
    if (list.length === 0) return this;
    return new AndroidWorkContinuation(this.host, list, [this], null);
  }

  enqueue(): Promise<void> {
    if (this.enqueued) return this.enqueued;
    const pending = lineage(this).filter((level) => level.enqueued === null);
    let levels: WireContinuationLevel[];
    try {
      assertNoCycles(this);
      levels = pending.map((level) => ({
        levelId: level.levelId,
        parentLevelIds: level.parents.map((p) => p.levelId),
        unique: level.unique,
        requests: level.requests.map(encodeWorkRequest),
      }));
    } catch (error) {
      return Promise.reject(error);
    }
    const stored = this.host.enqueueLevels(levels);
    for (const level of pending) level.enqueued = stored;
    return stored;
  }

  getWorkInfos(): Promise<WorkInfo[]> {
    return this.host.getWorkInfosByIds(allIds(this));
  }

  observeWorkInfos(): Observable<WorkInfo[]> {
    return this.host.observeWorkInfosByIds(allIds(this));
  }
}

function allIds(continuation: AndroidWorkContinuation): string[] {
  return [...new Set(continuationIds(continuation).map((id) => id.toLowerCase()))];
}
