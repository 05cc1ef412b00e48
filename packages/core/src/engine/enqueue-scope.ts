import type { Observable } from 'rxjs';
import type {
  ExistingPeriodicWorkPolicy,
  ExistingWorkPolicy,
} from '../model/existing-work-policy.js';
import { WorkError } from '../model/work-error.js';
import type { WorkInfo } from '../model/work-info.js';
import { OneTimeWorkRequest, type WorkRequest } from '../model/work-request.js';
import type { EnqueueLevel, EnqueueWorkParams } from '../ports/work-store.js';
import { COMBINE_WORKER } from '../rules/request-validation.js';
import {
  type ContinuationHost,
  ContinuationImpl,
  type WorkContinuation,
} from './work-continuation.js';
import type { WorkManager, WorkRequests } from './work-manager.js';
import {
  requireName,
  requirePolicy,
  requireRequests,
  toRequestList,
} from './work-manager-arguments.js';
import type { WorkManagerEngine } from './work-manager-engine.js';

/** The enqueue calls of the WorkManager API, as `inTransaction` hands them out. */
export type WorkEnqueuer = Pick<
  WorkManager,
  'enqueue' | 'beginWith' | 'beginUniqueWork' | 'enqueueUniqueWork' | 'enqueueUniquePeriodicWork'
>;

/**
 * The enqueue calls of one engine, either on their own (`within` undefined: each call is its
 * own store transaction) or inside a caller's open transaction (`within`, passed to the
 * store untouched). Continuations begun here are stored the same way.
 */
export class EnqueueScope implements WorkEnqueuer, ContinuationHost {
  constructor(
    private readonly engine: WorkManagerEngine,
    private readonly within: unknown,
  ) {}

  enqueue(requests: WorkRequests): Promise<void> {
    return this.engine.guard(() => {
      const list = requireRequests(toRequestList(requests, 'enqueue'), 'enqueue');
      const periodic = list.filter((r) => r.kind === 'periodic');
      const oneTime = list.filter((r) => r.kind === 'one-time');
      const works = [...oneTime, ...periodic].map((r) => this.engine.template(r, [], null));
      return this.engine.storeEnqueue(
        { now: this.engine.clock.now(), levels: [{ works }] },
        this.within,
      );
    });
  }

  beginWith(requests: WorkRequests): WorkContinuation {
    this.engine.assertOpen();
    return new ContinuationImpl(
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
    this.engine.assertOpen();
    requireName(uniqueName, 'uniqueName');
    requirePolicy(policy, ['REPLACE', 'KEEP', 'APPEND', 'APPEND_OR_REPLACE']);
    const list = requireRequests(toRequestList(requests, 'beginUniqueWork'), 'beginUniqueWork');
    return new ContinuationImpl(this, list, [], { name: uniqueName, policy });
  }

  enqueueUniqueWork(
    uniqueName: string,
    policy: ExistingWorkPolicy,
    requests: WorkRequests,
  ): Promise<void> {
    return this.engine.guard(() => this.beginUniqueWork(uniqueName, policy, requests).enqueue());
  }

  enqueueUniquePeriodicWork(
    uniqueName: string,
    policy: ExistingPeriodicWorkPolicy,
    request: WorkRequest,
  ): Promise<void> {
    return this.engine.guard(() => {
      requireName(uniqueName, 'uniqueName');
      requirePolicy(policy, ['KEEP', 'REPLACE', 'UPDATE', 'CANCEL_AND_REENQUEUE']);
      const [req] = toRequestList(request, 'enqueueUniquePeriodicWork');
      if (req?.kind !== 'periodic') {
        throw new WorkError(
          'INVALID_REQUEST',
          'enqueueUniquePeriodicWork takes a request built with PeriodicWorkRequest.from.',
        );
      }
      const storePolicy = policy === 'KEEP' ? 'KEEP' : policy === 'UPDATE' ? 'UPDATE' : 'REPLACE';
      if (storePolicy === 'REPLACE' && req.nextScheduleTimeOverrideGeneration > 0) {
        throw new WorkError(
          'INVALID_REQUEST',
          `A request with a next-schedule-time override must be used with UPDATE or KEEP, not ${policy}.`,
        );
      }
      return this.engine.storeEnqueue(
        {
          now: this.engine.clock.now(),
          levels: [{ works: [this.engine.template(req, [], uniqueName)] }],
          unique: { name: uniqueName, policy: storePolicy },
        },
        this.within,
      );
    });
  }

  /** ContinuationHost: stores levels, splitting the calls at each unique root. */
  async enqueueContinuations(levels: readonly ContinuationImpl[]): Promise<void> {
    this.engine.assertOpen();
    const calls: { levels: EnqueueLevel[]; unique?: EnqueueWorkParams['unique'] }[] = [];
    for (const level of levels) {
      const isUniqueRoot = level.unique !== null && level.parents.length === 0;
      if (isUniqueRoot || calls.length === 0) {
        calls.push(
          isUniqueRoot && level.unique ? { levels: [], unique: level.unique } : { levels: [] },
        );
      }
      const prerequisites = [...new Set(level.parents.flatMap((p) => p.requests.map((r) => r.id)))];
      calls[calls.length - 1]!.levels.push({
        works: level.requests.map((r) =>
          this.engine.template(r, prerequisites, level.unique?.name ?? null),
        ),
      });
    }
    for (const call of calls) {
      await this.engine.storeEnqueue({ now: this.engine.clock.now(), ...call }, this.within);
    }
  }

  combineRequest(): WorkRequest {
    return OneTimeWorkRequest.from(
      COMBINE_WORKER,
      { inputMerger: 'ARRAY_CREATING' },
      { allowReservedWorker: true },
    );
  }

  getWorkInfosByIds(ids: readonly string[]): Promise<WorkInfo[]> {
    return this.engine.getWorkInfosByIds(ids);
  }

  observeWorkInfosByIds(ids: readonly string[]): Observable<WorkInfo[]> {
    return this.engine.observeWorkInfosByIds(ids);
  }
}
