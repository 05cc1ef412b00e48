import { Duration, type DurationLikeObject } from 'luxon';
import { WorkError } from './work-error.js';

/**
 * How callers write a span of time: a number of milliseconds, a luxon `Duration`, or a luxon
 * duration object such as `{ minutes: 15 }`. Months and years use luxon's casual conversion
 * (30 days, 365 days); prefer days or smaller units when exact spans matter.
 */
export type DurationInput = number | Duration | DurationLikeObject;

/**
 * Turns a caller's duration into whole milliseconds, once, at the API edge, so that the rules
 * only ever see integers. Fractions are rounded to the nearest millisecond.
 *
 * @param what - the option being read (e.g. `'initialDelay'`), named in the error message.
 * @throws WorkError `INVALID_REQUEST` for NaN, ±Infinity, negative spans, an invalid luxon
 *   Duration, or anything that is not a duration at all.
 */
export function toMillis(input: DurationInput, what: string): number {
  let millis: number;
  if (typeof input === 'number') {
    millis = input;
  } else if (Duration.isDuration(input)) {
    if (!input.isValid) {
      throw invalid(
        what,
        `is an invalid luxon Duration (${input.invalidReason ?? 'unknown reason'})`,
      );
    }
    millis = input.toMillis();
  } else if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    try {
      millis = Duration.fromObject(input).toMillis();
    } catch (cause) {
      throw invalid(
        what,
        `is not a valid duration object (${cause instanceof Error ? cause.message : String(cause)})`,
      );
    }
  } else {
    throw invalid(what, `must be milliseconds, a luxon Duration or an object like { minutes: 15 }`);
  }
  if (!Number.isFinite(millis)) throw invalid(what, `must be finite, got ${millis}`);
  if (millis < 0) throw invalid(what, `must not be negative, got ${millis} ms`);
  return Math.round(millis) + 0; // `+ 0` turns -0 into 0
}

function invalid(what: string, problem: string): WorkError {
  return new WorkError('INVALID_REQUEST', `${what} ${problem}; pass a duration of 0 or more.`);
}
