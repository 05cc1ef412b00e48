import type { Constraints, NetworkType } from '../../model/constraints.js';
import type { DataValue } from '../../model/data.js';
import type { WorkState } from '../../model/work-state.js';

/**
 * One committed change of one work, as the store saw it: the work's state before and after,
 * and its run bookkeeping after. Recorded from the row writes of every store transaction at
 * commit, so nothing between two writes is lost (a run that starts and ends within one
 * `advance` shows both its RUNNING and its end).
 */
export interface TraceEntry {
  /** Commit order across the whole simulation. */
  readonly seq: number;
  /** Virtual epoch ms of the transaction. */
  readonly time: number;
  /** Which process lifetime wrote it: 0 before the first crash, 1 after it, ... */
  readonly incarnation: number;
  /** The work's id; combine works are named `combine#0`, `combine#1`, ... in order of insertion. */
  readonly id: string;
  readonly workerName: string;
  readonly tags: readonly string[];
  readonly uniqueName: string | null;
  readonly prerequisites: readonly string[];
  readonly periodic: boolean;
  /** `null`: the work was inserted by this change. */
  readonly from: WorkState | null;
  /** `null`: the work was deleted (pruned, or replaced under a unique name). */
  readonly to: WorkState | null;
  readonly runAttemptCount: number;
  readonly generation: number;
  readonly periodCount: number;
  readonly stopReason: number;
  readonly nextRunAt: number;
  readonly constraints: Constraints;
  readonly output: Readonly<Record<string, DataValue>>;
  readonly progress: Readonly<Record<string, DataValue>>;
}

/** The device conditions from `time` on (one entry per `conditions` event, and one at start). */
export interface ConditionsEntry {
  readonly time: number;
  readonly networkTypes: readonly NetworkType[];
  readonly charging: boolean;
  readonly batteryNotLow: boolean;
  readonly deviceIdle: boolean;
  readonly storageNotLow: boolean;
}

/** A span of virtual time during which the process was dead (between a crash and its restart). */
export interface Downtime {
  readonly from: number;
  readonly to: number;
}
