import type { Observable } from 'rxjs';
import type { ExistingWorkPolicy } from '../model/existing-work-policy.js';
import { WorkError } from '../model/work-error.js';
import type { WorkInfo } from '../model/work-info.js';
import type { WorkRequest } from '../model/work-request.js';
import { assertNoCycles, continuationIds, lineage } from './continuation-graph.js';
import type { WorkRequests } from './work-manager.js';
import { assertChainable, toRequestList } from './work-manager-arguments.js';

/**
 * A chain of work under construction (androidx's `WorkContinuation`). Immutable: `then`
 * returns a new continuation; `enqueue` stores this continuation and every ancestor not yet
 * stored, once.
 */
export interface WorkContinuation {
  then(requests: WorkRequests): WorkContinuation;
  /** Resolves once the continuation is stored. Calling it again returns the same promise. */
  enqueue(): Promise<void>;
  /** WorkInfos of this continuation's works and all its ancestors'. */
  getWorkInfos(): Promise<WorkInfo[]>;
  observeWorkInfos(): Observable<WorkInfo[]>;
}

/** androidx's static `WorkContinuation.combine`. */
export const WorkContinuation = {
  /** One synthetic work that runs after every given continuation, merging their outputs. */
  combine: (continuations: readonly WorkContinuation[]): WorkContinuation =>
    ContinuationImpl.combine(continuations),
};

/** What a continuation needs from the engine that made it. */
export interface ContinuationHost {
  /** Stores the given levels, oldest ancestor first, in as few atomic calls as possible. */
  enqueueContinuations(levels: readonly ContinuationImpl[]): Promise<void>;
  getWorkInfosByIds(ids: readonly string[]): Promise<WorkInfo[]>;
  observeWorkInfosByIds(ids: readonly string[]): Observable<WorkInfo[]>;
  /** The synthetic request that joins combined continuations (spec §6.1). */
  combineRequest(): WorkRequest;
}

/**
 * androidx's WorkContinuationImpl: a level of requests, its parent levels, and the unique name
 * and policy when it starts a unique chain. Enqueued at most once.
 */
export class ContinuationImpl implements WorkContinuation {
  private enqueued: Promise<void> | null = null;

  constructor(
    private readonly host: ContinuationHost,
    readonly requests: readonly WorkRequest[],
    readonly parents: readonly ContinuationImpl[],
    readonly unique: { readonly name: string; readonly policy: ExistingWorkPolicy } | null,
  ) {
    assertChainable(requests);
  }

  /** Whether this level is stored (or being stored). */
  get isEnqueued(): boolean {
    return this.enqueued !== null;
  }

  /** Marks this level as stored by `promise` (shared with the call that stored it). */
  markEnqueued(promise: Promise<void>): void {
    this.enqueued ??= promise;
  }

  then(requests: WorkRequests): WorkContinuation {
    const list = toRequestList(requests, 'then');
    if (list.length === 0) return this;
    const unique = this.unique ? { name: this.unique.name, policy: 'KEEP' as const } : null;
    return new ContinuationImpl(this.host, list, [this], unique);
  }

  enqueue(): Promise<void> {
    if (this.enqueued) return this.enqueued;
    try {
      assertNoCycles(this);
    } catch (error) {
      // androidx fails the Operation; a promise-returning call must reject, not throw.
      return Promise.reject(error);
    }
    const pending = lineage(this).filter((c) => !c.isEnqueued);
    const stored = this.host.enqueueContinuations(pending);
    for (const level of pending) level.markEnqueued(stored);
    return stored;
  }

  getWorkInfos(): Promise<WorkInfo[]> {
    return this.host.getWorkInfosByIds(continuationIds(this));
  }

  observeWorkInfos(): Observable<WorkInfo[]> {
    return this.host.observeWorkInfosByIds(continuationIds(this));
  }

  /** androidx's `WorkContinuation.combine`: one synthetic work after all the given ones. */
  static combine(continuations: readonly WorkContinuation[]): WorkContinuation {
    const impls = continuations.map((c) => {
      if (!(c instanceof ContinuationImpl)) {
        throw new WorkError(
          'INVALID_CONTINUATION',
          'combine takes continuations made by a WorkManager of this engine.',
        );
      }
      return c;
    });
    const first = impls[0];
    if (!first) {
      throw new WorkError('INVALID_CONTINUATION', 'combine needs at least one continuation.');
    }
    if (impls.some((c) => c.host !== first.host)) {
      throw new WorkError(
        'INVALID_CONTINUATION',
        'combine takes continuations of one WorkManager.',
      );
    }
    return new ContinuationImpl(first.host, [first.host.combineRequest()], impls, null);
  }
}
