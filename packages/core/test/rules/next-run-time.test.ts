import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveSemantics } from '../../src/model/work-semantics.js';
import { WORK_STATES } from '../../src/model/work-state.js';
import {
  calculateNextRunTime,
  type NextRunTimeInput,
  nextRunTimeOf,
} from '../../src/rules/next-run-time.js';
import { periodicSpec, workSpec } from './fixtures.js';

// WorkSpecTest's shared constants (scenarios §A); the backoff 5 000 is clamped to 10 000.
const INITIAL_DELAY = 5_000;
const BACKOFF = 10_000;
const LAST_ENQUEUE = 10_000;
const INTERVAL = 905_000;
const FLEX = 305_000;

const base: NextRunTimeInput = {
  isBackedOff: false,
  runAttemptCount: 0,
  backoffPolicy: 'EXPONENTIAL',
  backoffDelay: BACKOFF,
  lastEnqueueTime: LAST_ENQUEUE,
  periodCount: 0,
  isPeriodic: false,
  initialDelay: 0,
  flex: 0,
  interval: 0,
  nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
};

describe('calculateNextRunTime (spec §4.2)', () => {
  it('CNR-01 one-time first run: lastEnqueueTime + initialDelay', () => {
    expect(calculateNextRunTime({ ...base, initialDelay: INITIAL_DELAY })).toBe(15_000);
  });

  it('CNR-03 periodic first run with flex = interval is immediate', () => {
    const input = { ...base, isPeriodic: true, interval: INTERVAL, flex: INTERVAL };
    expect(calculateNextRunTime(input)).toBe(10_000);
  });

  it('CNR-05 periodic later run: lastEnqueueTime + interval', () => {
    const input = { ...base, isPeriodic: true, interval: INTERVAL, flex: INTERVAL, periodCount: 1 };
    expect(calculateNextRunTime(input)).toBe(915_000);
  });

  it('CNR-07 periodic first run with initial delay and flex: + interval − flex', () => {
    const input = {
      ...base,
      isPeriodic: true,
      interval: INTERVAL,
      flex: FLEX,
      initialDelay: 10_000,
    };
    expect(calculateNextRunTime(input)).toBe(620_000);
  });

  it('CNR-05 flex applies only to the first period', () => {
    const input = { ...base, isPeriodic: true, interval: INTERVAL, flex: FLEX, periodCount: 2 };
    expect(calculateNextRunTime(input)).toBe(LAST_ENQUEUE + INTERVAL);
  });

  it('CNR-09 LINEAR re-run attempts are equally spaced', () => {
    const times = [1, 2, 3].map((runAttemptCount) =>
      calculateNextRunTime({
        ...base,
        isBackedOff: true,
        backoffPolicy: 'LINEAR',
        runAttemptCount,
      }),
    );
    expect(times).toEqual([20_000, 30_000, 40_000]);
  });

  it('CNR-11 EXPONENTIAL re-run attempts double, up to lastEnqueueTime + 5 h', () => {
    const at = (runAttemptCount: number) =>
      calculateNextRunTime({ ...base, isBackedOff: true, runAttemptCount });
    expect([1, 2, 3].map(at)).toEqual([20_000, 30_000, 50_000]);
    expect(at(2_147_483_647)).toBe(18_010_000);
  });

  it('backoff beats the periodic formula; the override beats backoff', () => {
    const periodic = { ...base, isPeriodic: true, interval: INTERVAL, flex: INTERVAL };
    expect(calculateNextRunTime({ ...periodic, isBackedOff: true, runAttemptCount: 1 })).toBe(
      LAST_ENQUEUE + BACKOFF,
    );
    expect(
      calculateNextRunTime({
        ...periodic,
        isBackedOff: true,
        runAttemptCount: 1,
        nextScheduleTimeOverride: 123_456,
      }),
    ).toBe(123_456);
  });

  it('PER-07 the override is floored at lastEnqueueTime + the minimum interval after period 0', () => {
    const periodic = { ...base, isPeriodic: true, interval: INTERVAL, flex: INTERVAL };
    expect(calculateNextRunTime({ ...periodic, nextScheduleTimeOverride: 50 })).toBe(50);
    expect(
      calculateNextRunTime({ ...periodic, periodCount: 1, nextScheduleTimeOverride: 50 }),
    ).toBe(LAST_ENQUEUE + 900_000);
    expect(
      calculateNextRunTime({ ...periodic, periodCount: 1, nextScheduleTimeOverride: 5_000_000 }),
    ).toBe(5_000_000);
    // The floor comes from the semantics, not from the work's own interval.
    expect(
      calculateNextRunTime(
        { ...periodic, periodCount: 1, nextScheduleTimeOverride: 50 },
        resolveSemantics({ minPeriodicIntervalMillis: 60_000 }),
      ),
    ).toBe(LAST_ENQUEUE + 60_000);
  });

  it('ignores an override on one-time work', () => {
    expect(calculateNextRunTime({ ...base, nextScheduleTimeOverride: 1 })).toBe(LAST_ENQUEUE);
  });

  it('never-enqueued one-time work never runs (Long.MAX_VALUE → Infinity)', () => {
    expect(calculateNextRunTime({ ...base, lastEnqueueTime: -1 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('caps backoff with the semantics’ maxBackoffMillis', () => {
    const input = { ...base, isBackedOff: true, runAttemptCount: 20 };
    expect(calculateNextRunTime(input, resolveSemantics({ maxBackoffMillis: 60_000 }))).toBe(
      LAST_ENQUEUE + 60_000,
    );
  });
});

describe('nextRunTimeOf (spec §4.3)', () => {
  it('is Infinity in every state but ENQUEUED', () => {
    for (const state of WORK_STATES.filter((s) => s !== 'ENQUEUED')) {
      expect(nextRunTimeOf(workSpec({ state, lastEnqueueTime: 10 }))).toBe(
        Number.POSITIVE_INFINITY,
      );
    }
  });

  it('CNR-01 reads the spec’s own fields', () => {
    expect(nextRunTimeOf(workSpec({ initialDelay: 5_000, lastEnqueueTime: 10_000 }))).toBe(15_000);
  });

  it('CNR-09 is backed off when ENQUEUED with attempts', () => {
    const spec = workSpec({
      backoffPolicy: 'LINEAR',
      backoffDelay: BACKOFF,
      lastEnqueueTime: LAST_ENQUEUE,
      runAttemptCount: 2,
      initialDelay: 999_999,
    });
    expect(nextRunTimeOf(spec)).toBe(30_000);
  });

  it('CNR-07 periodic fields, override Infinity', () => {
    const spec = periodicSpec(INTERVAL, {
      flex: FLEX,
      initialDelay: 10_000,
      lastEnqueueTime: LAST_ENQUEUE,
    });
    expect(nextRunTimeOf(spec)).toBe(620_000);
  });

  it('is never before lastEnqueueTime for ENQUEUED work without an override', () => {
    const arbitrarySpec = fc
      .record({
        periodic: fc.boolean(),
        interval: fc.integer({ min: 900_000, max: 10_000_000_000 }),
        flexFraction: fc.double({ min: 0, max: 1, noNaN: true }),
        initialDelay: fc.integer({ min: 0, max: 10_000_000_000 }),
        runAttemptCount: fc.integer({ min: 0, max: 5_000 }),
        backoffPolicy: fc.constantFrom('LINEAR' as const, 'EXPONENTIAL' as const),
        backoffDelay: fc.integer({ min: 10_000, max: 18_000_000 }),
        lastEnqueueTime: fc.integer({ min: 0, max: 4_000_000_000_000 }),
        periodCount: fc.integer({ min: 0, max: 1_000 }),
      })
      .map((r) => {
        const flex = Math.round(300_000 + r.flexFraction * (r.interval - 300_000));
        return workSpec({
          state: 'ENQUEUED',
          interval: r.periodic ? r.interval : 0,
          flex: r.periodic ? flex : 0,
          initialDelay: r.initialDelay,
          runAttemptCount: r.runAttemptCount,
          backoffPolicy: r.backoffPolicy,
          backoffDelay: r.backoffDelay,
          lastEnqueueTime: r.lastEnqueueTime,
          periodCount: r.periodic ? r.periodCount : 0,
        });
      });
    fc.assert(
      fc.property(arbitrarySpec, (spec) => {
        expect(nextRunTimeOf(spec)).toBeGreaterThanOrEqual(spec.lastEnqueueTime);
      }),
    );
  });
});
