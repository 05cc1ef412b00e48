import { Data } from './data.js';
import { StopReason } from './stop-reason.js';
import type { WorkRequest } from './work-request.js';
import { NOT_ENQUEUED, type WorkSpec } from './work-spec.js';

/** Where a new work goes in the store: its prerequisites and the unique name it joins. */
export interface WorkPlacement {
  readonly prerequisites: readonly string[];
  readonly uniqueName: string | null;
}

/**
 * The record a new work starts from when enqueued: the request's values plus androidx's
 * defaults for everything that runs and updates change (no attempts, never enqueued, generation
 * 0, not stopped, not leased). The store then sets `state`, `lastEnqueueTime` and `nextRunAt`
 * from the prerequisites (spec §3.1).
 */
export function workSpecFromRequest(request: WorkRequest, placement: WorkPlacement): WorkSpec {
  return Object.freeze({
    id: request.id,
    workerName: request.worker,
    state: 'ENQUEUED',
    input: request.input,
    output: Data.EMPTY,
    progress: Data.EMPTY,
    inputMerger: request.inputMerger,
    initialDelay: request.initialDelay,
    interval: request.interval,
    flex: request.flex,
    constraints: request.constraints,
    runAttemptCount: 0,
    backoffPolicy: request.backoffPolicy,
    backoffDelay: request.backoffDelay,
    lastEnqueueTime: NOT_ENQUEUED,
    minimumRetention: request.keepResultsForAtLeast,
    expedited: request.expedited,
    outOfQuotaPolicy: request.outOfQuotaPolicy,
    periodCount: 0,
    generation: 0,
    nextScheduleTimeOverride: request.nextScheduleTimeOverride,
    nextScheduleTimeOverrideGeneration: request.nextScheduleTimeOverrideGeneration,
    stopReason: StopReason.NOT_STOPPED,
    tags: Object.freeze([...request.tags]),
    uniqueName: placement.uniqueName,
    prerequisites: Object.freeze([...placement.prerequisites]),
    nextRunAt: Number.POSITIVE_INFINITY,
    runOwner: null,
    leaseExpiresAt: 0,
    runOverrideGeneration: 0,
  });
}
