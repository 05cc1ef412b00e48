import type { BackoffPolicy } from '../model/backoff-policy.js';
import { ANDROIDX_SEMANTICS, type WorkSemantics } from '../model/work-semantics.js';
import { isBackedOff, isPeriodic, type WorkSpec } from '../model/work-spec.js';
import { backoffDelay } from './backoff.js';

/**
 * Every input of androidx's `WorkSpec.calculateNextRunTime`, named, so that the rule can be
 * tested (and reused by stores) without building a whole {@link WorkSpec}.
 */
export interface NextRunTimeInput {
  /** ENQUEUED work that has already run: androidx's `isBackedOff`. */
  readonly isBackedOff: boolean;
  readonly runAttemptCount: number;
  readonly backoffPolicy: BackoffPolicy;
  /** The (already clamped) backoff delay of the request, ms. */
  readonly backoffDelay: number;
  /** When the work last became ENQUEUED; -1 when never. */
  readonly lastEnqueueTime: number;
  readonly periodCount: number;
  readonly isPeriodic: boolean;
  readonly initialDelay: number;
  readonly flex: number;
  readonly interval: number;
  /** The app-set next run of periodic work; Infinity means none. */
  readonly nextScheduleTimeOverride: number;
}

/**
 * When work may run next, exactly as androidx.work computes it (spec §4.2): override first
 * (periodic only, floored at one minimum interval after the last enqueue once a period has
 * completed), then backoff, then the periodic formula (flex only in the first period), then
 * one-time initial delay. Infinity where androidx returns Long.MAX_VALUE.
 */
export function calculateNextRunTime(
  input: NextRunTimeInput,
  semantics: WorkSemantics = ANDROIDX_SEMANTICS,
): number {
  if (input.isPeriodic && input.nextScheduleTimeOverride !== Number.POSITIVE_INFINITY) {
    if (input.periodCount === 0) return input.nextScheduleTimeOverride;
    // androidx floors with the minimum periodic interval, not the work's own interval.
    return Math.max(
      input.nextScheduleTimeOverride,
      input.lastEnqueueTime + semantics.minPeriodicIntervalMillis,
    );
  }
  if (input.isBackedOff) {
    return (
      input.lastEnqueueTime +
      backoffDelay(
        input.backoffPolicy,
        input.backoffDelay,
        input.runAttemptCount,
        semantics.maxBackoffMillis,
      )
    );
  }
  if (input.isPeriodic) {
    const firstPeriod = input.periodCount === 0;
    let next = input.lastEnqueueTime + (firstPeriod ? input.initialDelay : input.interval);
    if (firstPeriod && input.flex !== input.interval) next += input.interval - input.flex;
    return next;
  }
  if (input.lastEnqueueTime === -1) return Number.POSITIVE_INFINITY;
  return input.lastEnqueueTime + input.initialDelay;
}

/**
 * The `nextRunAt` a store keeps for a work, and WorkInfo's `nextScheduleTimeMillis` (spec
 * §4.3): {@link calculateNextRunTime} for ENQUEUED work, Infinity in every other state.
 */
export function nextRunTimeOf(
  spec: WorkSpec,
  semantics: WorkSemantics = ANDROIDX_SEMANTICS,
): number {
  if (spec.state !== 'ENQUEUED') return Number.POSITIVE_INFINITY;
  return calculateNextRunTime(
    {
      isBackedOff: isBackedOff(spec),
      runAttemptCount: spec.runAttemptCount,
      backoffPolicy: spec.backoffPolicy,
      backoffDelay: spec.backoffDelay,
      lastEnqueueTime: spec.lastEnqueueTime,
      periodCount: spec.periodCount,
      isPeriodic: isPeriodic(spec),
      initialDelay: spec.initialDelay,
      flex: spec.flex,
      interval: spec.interval,
      nextScheduleTimeOverride: spec.nextScheduleTimeOverride,
    },
    semantics,
  );
}
