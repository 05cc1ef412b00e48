import { type Constraints, constraintsEqual } from './constraints.js';
import type { Data } from './data.js';
import type { PeriodicityInfo } from './periodicity-info.js';
import { isPeriodic, type WorkSpec } from './work-spec.js';
import type { WorkState } from './work-state.js';

/**
 * What the app sees of a work — androidx's `WorkInfo` (spec §10): a snapshot, compared with
 * {@link workInfoEquals} so observers emit only on real changes.
 */
export interface WorkInfo {
  readonly id: string;
  readonly state: WorkState;
  readonly tags: ReadonlySet<string>;
  /** Set only when one-time work SUCCEEDED or FAILED; otherwise empty. */
  readonly outputData: Data;
  /** The latest progress while RUNNING (and after an interruption); otherwise empty. */
  readonly progress: Data;
  readonly runAttemptCount: number;
  readonly generation: number;
  readonly constraints: Constraints;
  readonly initialDelayMillis: number;
  /** `null` for one-time work. */
  readonly periodicityInfo: PeriodicityInfo | null;
  /** When the work may run next; Infinity unless ENQUEUED. */
  readonly nextScheduleTimeMillis: number;
  /** Why the last run was stopped; `StopReason.NOT_STOPPED` if it was not. */
  readonly stopReason: number;
}

/** The app's view of a stored work; called on every query and observer emission. */
export function workInfoFromSpec(spec: WorkSpec): WorkInfo {
  return Object.freeze({
    id: spec.id,
    state: spec.state,
    tags: Object.freeze(new Set(spec.tags)) as ReadonlySet<string>,
    outputData: spec.output,
    progress: spec.progress,
    runAttemptCount: spec.runAttemptCount,
    generation: spec.generation,
    constraints: spec.constraints,
    initialDelayMillis: spec.initialDelay,
    periodicityInfo: isPeriodic(spec)
      ? Object.freeze({ repeatIntervalMillis: spec.interval, flexIntervalMillis: spec.flex })
      : null,
    nextScheduleTimeMillis: spec.state === 'ENQUEUED' ? spec.nextRunAt : Number.POSITIVE_INFINITY,
    stopReason: spec.stopReason,
  });
}

/**
 * True when every field is equal — tags as sets, data by `Data.equals` — as androidx's
 * `WorkInfo.equals`. Observers use it to emit distinct changes only.
 */
export function workInfoEquals(a: WorkInfo, b: WorkInfo): boolean {
  if (a === b) return true;
  return (
    a.id === b.id &&
    a.state === b.state &&
    a.runAttemptCount === b.runAttemptCount &&
    a.generation === b.generation &&
    a.initialDelayMillis === b.initialDelayMillis &&
    a.nextScheduleTimeMillis === b.nextScheduleTimeMillis &&
    a.stopReason === b.stopReason &&
    periodicityEqual(a.periodicityInfo, b.periodicityInfo) &&
    constraintsEqual(a.constraints, b.constraints) &&
    setsEqual(a.tags, b.tags) &&
    a.outputData.equals(b.outputData) &&
    a.progress.equals(b.progress)
  );
}

function periodicityEqual(a: PeriodicityInfo | null, b: PeriodicityInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.repeatIntervalMillis === b.repeatIntervalMillis &&
    a.flexIntervalMillis === b.flexIntervalMillis
  );
}

function setsEqual(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const value of a) if (!b.has(value)) return false;
  return true;
}
