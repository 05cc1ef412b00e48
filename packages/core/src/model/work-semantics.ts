/**
 * The limits androidx.work applies to requests and schedules (spec §1). Configurable so that a
 * service can, say, allow one-minute periodic work; the defaults are androidx's, so that work
 * which behaves here behaves the same on a device.
 */
export interface WorkSemantics {
  /** Default retry delay when a request names none. androidx: 30 s. */
  readonly defaultBackoffMillis: number;
  /** Backoff delays are raised to this. androidx: 10 s. */
  readonly minBackoffMillis: number;
  /** Backoff delays (and computed backoff) are capped at this. androidx: 5 h. */
  readonly maxBackoffMillis: number;
  /** Periodic intervals are raised to this. androidx: 15 min. */
  readonly minPeriodicIntervalMillis: number;
  /** Flex intervals are raised to this. androidx: 5 min. */
  readonly minPeriodicFlexMillis: number;
  /** Serialized `Data` may not exceed this. androidx: 10 240 bytes. */
  readonly maxDataBytes: number;
  /** Finished work older than this (plus its retention) is pruned at open. androidx: 1 day. */
  readonly pruneThresholdMillis: number;
}

/** androidx.work's values. */
export const ANDROIDX_SEMANTICS: WorkSemantics = Object.freeze({
  defaultBackoffMillis: 30_000,
  minBackoffMillis: 10_000,
  maxBackoffMillis: 18_000_000,
  minPeriodicIntervalMillis: 900_000,
  minPeriodicFlexMillis: 300_000,
  maxDataBytes: 10_240,
  pruneThresholdMillis: 86_400_000,
});

/** Fills unset limits with androidx's values. */
export function resolveSemantics(partial?: Partial<WorkSemantics>): WorkSemantics {
  return partial ? Object.freeze({ ...ANDROIDX_SEMANTICS, ...partial }) : ANDROIDX_SEMANTICS;
}
