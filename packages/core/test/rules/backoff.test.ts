import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/rules/backoff.js';

describe('backoffDelay', () => {
  it('CNR-09 LINEAR is delay × attempts', () => {
    expect([1, 2, 3].map((n) => backoffDelay('LINEAR', 10_000, n))).toEqual([
      10_000, 20_000, 30_000,
    ]);
  });

  it('CNR-11 EXPONENTIAL doubles from the delay and is capped at 5 h', () => {
    expect([1, 2, 3].map((n) => backoffDelay('EXPONENTIAL', 10_000, n))).toEqual([
      10_000, 20_000, 40_000,
    ]);
    expect(backoffDelay('EXPONENTIAL', 10_000, 11)).toBe(10_240_000);
    expect(backoffDelay('EXPONENTIAL', 10_000, 12)).toBe(18_000_000);
    expect(backoffDelay('EXPONENTIAL', 10_000, 2_147_483_647)).toBe(18_000_000);
  });

  it('computes EXPONENTIAL in 32-bit float, as Java does', () => {
    // (float) 16_777_217 is 16_777_216: above 2^24 a float cannot hold odd integers.
    expect(backoffDelay('EXPONENTIAL', 16_777_217, 1, Number.POSITIVE_INFINITY)).toBe(16_777_216);
    // 2^24 + 3 rounds to the nearest even: 16_777_220; doubled stays exact.
    expect(backoffDelay('EXPONENTIAL', 16_777_219, 2, Number.POSITIVE_INFINITY)).toBe(33_554_440);
  });

  it('EXPONENTIAL overflows to +Infinity before the cap, like (long) of an infinite float', () => {
    // 10 000 × 2^128 exceeds Float.MAX_VALUE (about 3.4e38) but not Number.MAX_VALUE.
    expect(backoffDelay('EXPONENTIAL', 10_000, 129, Number.POSITIVE_INFINITY)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(backoffDelay('EXPONENTIAL', 10_000, 129)).toBe(18_000_000);
    expect(backoffDelay('EXPONENTIAL', 0, 5_000, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('is monotonic non-decreasing in the attempt count and never above the cap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('LINEAR' as const, 'EXPONENTIAL' as const),
        fc.integer({ min: 0, max: 18_000_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 0, max: 36_000_000 }),
        (policy, delay, attempts, cap) => {
          const here = backoffDelay(policy, delay, attempts, cap);
          const next = backoffDelay(policy, delay, attempts + 1, cap);
          expect(here).toBeLessThanOrEqual(next);
          expect(next).toBeLessThanOrEqual(cap);
          expect(Number.isInteger(here)).toBe(true);
        },
      ),
    );
  });
});
