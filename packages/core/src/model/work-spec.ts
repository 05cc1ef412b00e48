import type { BackoffPolicy } from './backoff-policy.js';
import type { Constraints } from './constraints.js';
import type { Data } from './data.js';
import type { InputMerger } from './input-merger.js';
import type { OutOfQuotaPolicy } from './out-of-quota-policy.js';
import type { WorkState } from './work-state.js';

/** androidx's `NOT_ENQUEUED`: the lastEnqueueTime of work that was never ENQUEUED. */
export const NOT_ENQUEUED = -1;

/**
 * The persisted record of one work — androidx's `WorkSpec` plus its side tables (tags, unique
 * name, prerequisites, progress) and the run lease. Stores keep it as given; the core computes
 * every field, including {@link WorkSpec.nextRunAt}. Instants are epoch ms; "never" and
 * androidx's `Long.MAX_VALUE` are `Infinity`.
 */
export interface WorkSpec {
  readonly id: string;
  /** The registered worker name (androidx's worker class name). */
  readonly workerName: string;
  readonly state: WorkState;
  readonly input: Data;
  /** Written only when one-time work SUCCEEDS or FAILS (spec §6). */
  readonly output: Data;
  /** Kept only while RUNNING, and across an interruption (spec §10.1). */
  readonly progress: Data;
  readonly inputMerger: InputMerger;
  readonly initialDelay: number;
  /** Repeat interval; 0 for one-time work (`isPeriodic = interval !== 0`). */
  readonly interval: number;
  readonly flex: number;
  readonly constraints: Constraints;
  /** Incremented each time the work goes RUNNING; reset when a period completes. */
  readonly runAttemptCount: number;
  readonly backoffPolicy: BackoffPolicy;
  readonly backoffDelay: number;
  /** When the work last became ENQUEUED; {@link NOT_ENQUEUED} if never. */
  readonly lastEnqueueTime: number;
  /** keepResultsForAtLeast, in ms. */
  readonly minimumRetention: number;
  readonly expedited: boolean;
  readonly outOfQuotaPolicy: OutOfQuotaPolicy;
  /** Completed periods of periodic work. */
  readonly periodCount: number;
  /** +1 on every update (updateWork or the UPDATE policy). */
  readonly generation: number;
  /** Periodic only: the next run's time set by the app; Infinity when none. */
  readonly nextScheduleTimeOverride: number;
  readonly nextScheduleTimeOverrideGeneration: number;
  readonly stopReason: number;
  /** Always includes the worker name. */
  readonly tags: readonly string[];
  readonly uniqueName: string | null;
  /** Ids this work depends on (its dependency rows). */
  readonly prerequisites: readonly string[];
  /** When the work may run next; computed by the core; Infinity unless ENQUEUED. */
  readonly nextRunAt: number;
  /** Who holds the live run while RUNNING; null otherwise. */
  readonly runOwner: string | null;
  /** Until when {@link runOwner}'s lease holds; 0 when not RUNNING. */
  readonly leaseExpiresAt: number;
  /** The nextScheduleTimeOverrideGeneration seen when the current run started (spec §7.1). */
  readonly runOverrideGeneration: number;
}

/** True for periodic work (androidx `isPeriodic`). */
export function isPeriodic(spec: Pick<WorkSpec, 'interval'>): boolean {
  return spec.interval !== 0;
}

/** True for ENQUEUED work that has already run (androidx `isBackedOff`). */
export function isBackedOff(spec: Pick<WorkSpec, 'state' | 'runAttemptCount'>): boolean {
  return spec.state === 'ENQUEUED' && spec.runAttemptCount > 0;
}
