import type { WorkState } from '@workmanager-ts/core';
import type { WireData } from './wire-data.js';
import type { WireConstraints } from './wire-work-request.js';

/**
 * androidx `WorkInfo` on the wire (android-bridge.md §4.4 "WorkInfo on the wire"): all six
 * states, reserved tags already stripped (worker and unique name moved to their own fields),
 * `Long.MAX_VALUE` as `null`, and `stopReason` `null` below API 31.
 */
export interface WireWorkInfo {
  readonly id: string;
  readonly state: WorkState;
  readonly tags: readonly string[];
  readonly workerName: string | null;
  readonly uniqueName: string | null;
  readonly outputData: WireData;
  readonly progress: WireData;
  readonly runAttemptCount: number;
  readonly generation: number;
  readonly initialDelayMillis: number;
  readonly nextScheduleTimeMillis: number | null;
  readonly periodicity: {
    readonly repeatIntervalMillis: number;
    readonly flexIntervalMillis: number;
  } | null;
  readonly constraints: WireConstraints;
  readonly stopReason: number | null;
}
