import type { BackoffPolicy } from '../model/backoff-policy.js';

/**
 * The delay before the next attempt of backed-off work, exactly as androidx.work computes it
 * (spec §4.2), so that retries here land on the same millisecond as on a device.
 *
 * LINEAR is `delay × runAttemptCount`. EXPONENTIAL mirrors Java's
 * `(long) Math.scalb((float) delay, runAttemptCount - 1)`: the arithmetic is done in 32-bit
 * float (delays above 2^24 ms lose precision) and overflows to +Infinity for large attempt
 * counts. Either way the result is capped at `maxBackoffMillis`.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  delayMillis: number,
  runAttemptCount: number,
  maxBackoffMillis = 18_000_000,
): number {
  const delay =
    policy === 'LINEAR'
      ? Math.trunc(delayMillis * runAttemptCount)
      : exponentialDelay(delayMillis, runAttemptCount);
  return Math.min(delay, maxBackoffMillis);
}

/** Java's `(long) Math.scalb((float) delay, attempts - 1)`, with Long.MAX_VALUE as Infinity. */
function exponentialDelay(delayMillis: number, runAttemptCount: number): number {
  const base = Math.fround(delayMillis);
  // scalb(0, n) is 0 for every n; 0 × 2^n in double would give NaN once 2^n overflows.
  if (base === 0) return 0;
  // Scaling a float by a power of two is exact in double; fround then rounds (or overflows to
  // Infinity) exactly where a 32-bit float would.
  const scaled = Math.fround(base * 2 ** (runAttemptCount - 1));
  return Number.isFinite(scaled) ? Math.trunc(scaled) : scaled;
}
