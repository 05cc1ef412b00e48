import type { WorkSemantics } from '../model/work-semantics.js';
import type { Logger } from '../ports/logger.js';

/**
 * A request's timing values before androidx's builder limits are applied, in ms. `undefined`
 * means "not given": the default backoff, or flex equal to the interval.
 */
export interface RequestTimings {
  readonly periodic: boolean;
  readonly backoffDelay: number | undefined;
  /** Repeat interval; ignored (treated as 0) for one-time work. */
  readonly interval: number;
  readonly flex: number | undefined;
}

/** Timing values as a request stores them, within the limits of a {@link WorkSemantics}. */
export interface NormalisedTimings {
  readonly periodic: boolean;
  readonly backoffDelay: number;
  /** 0 for one-time work. */
  readonly interval: number;
  /** 0 for one-time work. */
  readonly flex: number;
}

/**
 * Applies androidx's builder-time limits (spec §4.1): the backoff delay is clamped to
 * [minBackoff, maxBackoff] (default: `defaultBackoffMillis`); a periodic interval is raised to
 * `minPeriodicIntervalMillis`; flex defaults to the interval, else is clamped to
 * [minPeriodicFlex, interval]. Like androidx, it never throws: every value it changes is
 * reported through `logger.warn`, so nothing is adjusted silently. Idempotent: normalised
 * timings pass through unchanged and without warnings.
 */
export function normaliseTimings(
  timings: RequestTimings,
  semantics: WorkSemantics,
  logger: Logger,
): NormalisedTimings {
  const backoffDelay = clampWithWarning(
    timings.backoffDelay ?? semantics.defaultBackoffMillis,
    semantics.minBackoffMillis,
    semantics.maxBackoffMillis,
    'backoff delay',
    logger,
  );
  if (!timings.periodic) {
    return Object.freeze({ periodic: false, backoffDelay, interval: 0, flex: 0 });
  }
  let interval = timings.interval;
  if (interval < semantics.minPeriodicIntervalMillis) {
    logger.warn(
      `Periodic interval ${interval} ms is below the minimum; using ${semantics.minPeriodicIntervalMillis} ms.`,
      { requested: interval, used: semantics.minPeriodicIntervalMillis },
    );
    interval = semantics.minPeriodicIntervalMillis;
  }
  const flex =
    timings.flex === undefined
      ? interval
      : clampWithWarning(
          timings.flex,
          semantics.minPeriodicFlexMillis,
          interval,
          'flex interval',
          logger,
        );
  return Object.freeze({ periodic: true, backoffDelay, interval, flex });
}

function clampWithWarning(
  value: number,
  min: number,
  max: number,
  what: string,
  logger: Logger,
): number {
  const clamped = Math.min(Math.max(value, min), max);
  if (clamped !== value) {
    logger.warn(`The ${what} of ${value} ms is outside [${min}, ${max}] ms; using ${clamped} ms.`, {
      requested: value,
      used: clamped,
      min,
      max,
    });
  }
  return clamped;
}
