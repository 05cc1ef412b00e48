import { NO_CONSTRAINTS } from '../model/constraints.js';
import { Data } from '../model/data.js';
import { StopReason } from '../model/stop-reason.js';
import type { WorkSpec } from '../model/work-spec.js';

/**
 * A stored work as a store test wants it: a never-run ENQUEUED one-time work due at 0 with
 * androidx's defaults, then `overrides`. For tests and benchmarks of stores and rules, which
 * need rows in states that requests cannot express directly.
 */
export function workSpecFixture(id: string, overrides: Partial<WorkSpec> = {}): WorkSpec {
  return {
    id,
    workerName: 'TestWorker',
    state: 'ENQUEUED',
    input: Data.EMPTY,
    output: Data.EMPTY,
    progress: Data.EMPTY,
    inputMerger: 'OVERWRITING',
    initialDelay: 0,
    interval: 0,
    flex: 0,
    constraints: NO_CONSTRAINTS,
    runAttemptCount: 0,
    backoffPolicy: 'EXPONENTIAL',
    backoffDelay: 30_000,
    lastEnqueueTime: 0,
    minimumRetention: 0,
    expedited: false,
    outOfQuotaPolicy: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
    periodCount: 0,
    generation: 0,
    nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
    nextScheduleTimeOverrideGeneration: 0,
    stopReason: StopReason.NOT_STOPPED,
    tags: ['TestWorker'],
    uniqueName: null,
    prerequisites: [],
    nextRunAt: 0,
    runOwner: null,
    leaseExpiresAt: 0,
    runOverrideGeneration: 0,
    ...overrides,
  };
}
