import { Data } from '../model/data.js';
import type { UpdateResult } from '../model/update-result.js';
import { WorkError } from '../model/work-error.js';
import type { WorkSemantics } from '../model/work-semantics.js';
import { isPeriodic, type WorkSpec } from '../model/work-spec.js';
import { isFinished } from '../model/work-state.js';
import { nextRunTimeOf } from './next-run-time.js';

/**
 * The row `updateWork` (and the UPDATE policy) stores (spec §8): the new request's parameters
 * and tags on the existing work, keeping everything that describes where the work is in its
 * life — state, attempts, enqueue time, period count, chain, run lease — so backoff and the
 * next period are computed from the preserved enqueue time with the new parameters. The result
 * keeps the existing id even if `replacement` carries another (the UPDATE policy never stores
 * the new request's id).
 *
 * @throws WorkError `UNSUPPORTED_OPERATION` when one is periodic and the other one-time.
 */
export function updatedWorkSpec(
  existing: WorkSpec,
  replacement: WorkSpec,
  semantics?: WorkSemantics,
): { result: UpdateResult; spec: WorkSpec } {
  if (isFinished(existing.state)) return { result: 'NOT_APPLIED', spec: existing };
  if (isPeriodic(existing) !== isPeriodic(replacement)) {
    const kind = (s: WorkSpec) => (isPeriodic(s) ? 'periodic' : 'one-time');
    throw new WorkError(
      'UNSUPPORTED_OPERATION',
      `Can't update ${kind(existing)} work ${existing.id} with a ${kind(replacement)} request: ` +
        'an update must keep the work type; cancel it and enqueue the new request instead.',
    );
  }
  const running = existing.state === 'RUNNING';
  // A request that set or cleared its override (generation 1) replaces the stored one.
  const overrideChanged = replacement.nextScheduleTimeOverrideGeneration === 1;
  const spec: WorkSpec = {
    ...replacement,
    id: existing.id,
    state: existing.state,
    runAttemptCount: existing.runAttemptCount,
    lastEnqueueTime: existing.lastEnqueueTime,
    periodCount: existing.periodCount,
    stopReason: existing.stopReason,
    output: existing.output,
    progress: running ? existing.progress : Data.EMPTY,
    uniqueName: existing.uniqueName,
    prerequisites: existing.prerequisites,
    runOwner: existing.runOwner,
    leaseExpiresAt: existing.leaseExpiresAt,
    runOverrideGeneration: existing.runOverrideGeneration,
    nextScheduleTimeOverride: overrideChanged
      ? replacement.nextScheduleTimeOverride
      : existing.nextScheduleTimeOverride,
    nextScheduleTimeOverrideGeneration: overrideChanged
      ? existing.nextScheduleTimeOverrideGeneration + 1
      : existing.nextScheduleTimeOverrideGeneration,
    generation: existing.generation + 1,
    tags: replacement.tags,
  };
  return {
    result: running ? 'APPLIED_FOR_NEXT_RUN' : 'APPLIED_IMMEDIATELY',
    spec: { ...spec, nextRunAt: nextRunTimeOf(spec, semantics) },
  };
}
