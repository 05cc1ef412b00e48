import {
  type Constraints,
  type DataValue,
  isPeriodic,
  StopReason,
  type WorkSpec,
  type WorkState,
} from '@workmanager-ts/core';

/**
 * One work as the CLI's `--json` output and the dashboard's API show it: plain JSON (no
 * `Infinity`, no `Data` objects), with the fields a person needs to see why a work is where
 * it is. Built from the stored WorkSpec, so it also carries the chain (`prerequisites`) and
 * the unique name that the public WorkInfo lacks.
 */
export interface WorkView {
  readonly id: string;
  readonly worker: string;
  readonly state: WorkState;
  /** The caller's tags (the worker name, always a tag too, is left out). */
  readonly tags: readonly string[];
  readonly uniqueName: string | null;
  readonly prerequisites: readonly string[];
  readonly runAttemptCount: number;
  readonly generation: number;
  /** `null` for one-time work. */
  readonly periodic: {
    readonly intervalMillis: number;
    readonly flexMillis: number;
    readonly periodCount: number;
  } | null;
  /** Epoch ms when the work may run next; `null` unless ENQUEUED (or never, e.g. an override). */
  readonly nextRunAt: number | null;
  /** Epoch ms when the work last became ENQUEUED; `null` if never. */
  readonly lastEnqueueTime: number | null;
  readonly stopReason: number;
  /** androidx's name of {@link stopReason}, e.g. `CANCELLED_BY_APP`. */
  readonly stopReasonName: string;
  readonly input: Readonly<Record<string, DataValue>>;
  readonly output: Readonly<Record<string, DataValue>>;
  readonly progress: Readonly<Record<string, DataValue>>;
  readonly constraints: Constraints;
  /** The process (engine owner) running the work now; `null` unless RUNNING. */
  readonly runOwner: string | null;
}

const STOP_REASON_NAMES = new Map<number, string>(
  Object.entries(StopReason).map(([name, value]) => [value, name]),
);

/** The name of a stop reason, or its number when androidx has no name for it. */
export function stopReasonName(reason: number): string {
  return STOP_REASON_NAMES.get(reason) ?? String(reason);
}

/** Turns a stored WorkSpec into its {@link WorkView}. */
export function workViewFromSpec(spec: WorkSpec): WorkView {
  return {
    id: spec.id,
    worker: spec.workerName,
    state: spec.state,
    tags: spec.tags.filter((tag) => tag !== spec.workerName),
    uniqueName: spec.uniqueName,
    prerequisites: spec.prerequisites,
    runAttemptCount: spec.runAttemptCount,
    generation: spec.generation,
    periodic: isPeriodic(spec)
      ? { intervalMillis: spec.interval, flexMillis: spec.flex, periodCount: spec.periodCount }
      : null,
    nextRunAt: spec.state === 'ENQUEUED' && Number.isFinite(spec.nextRunAt) ? spec.nextRunAt : null,
    lastEnqueueTime: spec.lastEnqueueTime >= 0 ? spec.lastEnqueueTime : null,
    stopReason: spec.stopReason,
    stopReasonName: stopReasonName(spec.stopReason),
    input: spec.input.toObject(),
    output: spec.output.toObject(),
    progress: spec.progress.toObject(),
    constraints: spec.constraints,
    runOwner: spec.runOwner,
  };
}
