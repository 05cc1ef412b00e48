import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../src/model/constraints.js';
import { Data } from '../../src/model/data.js';
import {
  normaliseForSemantics,
  OneTimeWorkRequest,
  PeriodicWorkRequest,
} from '../../src/model/work-request.js';
import { ANDROIDX_SEMANTICS, resolveSemantics } from '../../src/model/work-semantics.js';
import type { Logger } from '../../src/ports/logger.js';
import { COMBINE_WORKER } from '../../src/rules/request-validation.js';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => {}, warn: (m) => warnings.push(m), error: () => {} };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('PeriodicWorkRequest normalisation (scenarios B)', () => {
  it('BLD-01 interval only, in range: flex = interval', () => {
    const r = PeriodicWorkRequest.from('w', { repeatInterval: 900_123 });
    expect(r.kind).toBe('periodic');
    expect(r.interval).toBe(900_123);
    expect(r.flex).toBe(900_123);
  });

  it('BLD-03 interval and flex in range are stored exactly', () => {
    const r = PeriodicWorkRequest.from('w', { repeatInterval: 900_123, flexInterval: 300_123 });
    expect([r.interval, r.flex]).toEqual([900_123, 300_123]);
  });

  it('BLD-05 flex below the minimum is raised to 300 000, with a warning', () => {
    const logger = recordingLogger();
    const r = PeriodicWorkRequest.from(
      'w',
      { repeatInterval: 900_123, flexInterval: 299_877 },
      { logger },
    );
    expect([r.interval, r.flex]).toEqual([900_123, 300_000]);
    expect(r.raw.flex).toBe(299_877);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('flex');
  });

  it('BLD-07 luxon durations: 2 d 3 h / 1 h 2 min', () => {
    const r = PeriodicWorkRequest.from('w', {
      repeatInterval: { days: 2, hours: 3 },
      flexInterval: { hours: 1, minutes: 2 },
    });
    expect(r.interval).toBe(183_600_000);
    expect(r.flex).toBe(3_720_000);
    expect(r.interval).toBe(2 * DAY + 3 * HOUR);
  });

  it('BLD-09 15 min interval without flex, and with a 10 min flex', () => {
    const plain = PeriodicWorkRequest.from('w', { repeatInterval: { minutes: 15 } });
    expect(plain.kind).toBe('periodic');
    expect([plain.interval, plain.flex]).toEqual([900_000, 900_000]);
    const flexed = PeriodicWorkRequest.from('w', {
      repeatInterval: { minutes: 15 },
      flexInterval: { minutes: 10 },
    });
    expect(flexed.flex).toBe(600_000);
  });

  it('raises a short interval to 15 min and clamps flex above the interval, warning each time', () => {
    const logger = recordingLogger();
    const r = PeriodicWorkRequest.from(
      'w',
      { repeatInterval: { minutes: 1 }, flexInterval: { hours: 1 } },
      { logger },
    );
    expect([r.interval, r.flex]).toEqual([900_000, 900_000]);
    expect(logger.warnings).toHaveLength(2);
  });

  it('BLD-11 setting a next-schedule-time override sets its generation to 1', () => {
    const r = PeriodicWorkRequest.from('w', {
      repeatInterval: { minutes: 15 },
      nextScheduleTimeOverride: 123_456,
    });
    expect(r.nextScheduleTimeOverride).toBe(123_456);
    expect(r.nextScheduleTimeOverrideGeneration).toBe(1);
  });

  it('BLD-13 clearing the override (null) keeps generation 1 with no override, unlike a plain request', () => {
    const cleared = PeriodicWorkRequest.from('w', {
      repeatInterval: { minutes: 15 },
      nextScheduleTimeOverride: null,
    });
    const plain = PeriodicWorkRequest.from('w', { repeatInterval: { minutes: 15 } });
    expect(cleared.nextScheduleTimeOverride).toBe(Number.POSITIVE_INFINITY);
    expect(cleared.nextScheduleTimeOverrideGeneration).toBe(1);
    expect(plain.nextScheduleTimeOverride).toBe(Number.POSITIVE_INFINITY);
    expect(plain.nextScheduleTimeOverrideGeneration).toBe(0);
  });
});

describe('request backoff and tags (scenarios B)', () => {
  it('BLD-17 LINEAR 50 000 is kept; the default is EXPONENTIAL 30 000', () => {
    const work0 = OneTimeWorkRequest.from('TestWorker', {
      backoff: { policy: 'LINEAR', delay: 50_000 },
    });
    const work1 = OneTimeWorkRequest.from('TestWorker');
    expect([work0.backoffPolicy, work0.backoffDelay]).toEqual(['LINEAR', 50_000]);
    expect([work1.backoffPolicy, work1.backoffDelay]).toEqual(['EXPONENTIAL', 30_000]);
    expect(work1.raw.backoffDelay).toBeUndefined();
  });

  it('clamps the backoff delay to [10 s, 5 h] with a warning', () => {
    const logger = recordingLogger();
    const low = OneTimeWorkRequest.from(
      'w',
      { backoff: { policy: 'EXPONENTIAL', delay: 5_000 } },
      { logger },
    );
    const high = OneTimeWorkRequest.from(
      'w',
      { backoff: { policy: 'LINEAR', delay: { hours: 6 } } },
      { logger },
    );
    expect(low.backoffDelay).toBe(10_000);
    expect(high.backoffDelay).toBe(18_000_000);
    expect(logger.warnings).toHaveLength(2);
  });

  it('BLD-19 a request without tags carries its worker name as its only tag', () => {
    const r = OneTimeWorkRequest.from('TestWorker');
    expect([...r.tags]).toEqual(['TestWorker']);
    const tagged = OneTimeWorkRequest.from('TestWorker', { tags: ['a', 'b', 'a'] });
    expect(new Set(tagged.tags)).toEqual(new Set(['TestWorker', 'a', 'b']));
  });
});

describe('OneTimeWorkRequest defaults', () => {
  it('fills androidx defaults and is frozen', () => {
    const logger = recordingLogger();
    const r = OneTimeWorkRequest.from('w', undefined, { logger });
    expect(r).toMatchObject({
      kind: 'one-time',
      worker: 'w',
      input: Data.EMPTY,
      constraints: NO_CONSTRAINTS,
      initialDelay: 0,
      keepResultsForAtLeast: 0,
      expedited: false,
      outOfQuotaPolicy: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
      inputMerger: 'OVERWRITING',
      interval: 0,
      flex: 0,
      nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
      nextScheduleTimeOverrideGeneration: 0,
      raw: { initialDelay: 0, backoffDelay: undefined, interval: 0, flex: undefined },
    });
    expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.raw)).toBe(true);
    expect(logger.warnings).toEqual([]);
  });

  it('gives each request a fresh random id unless one is passed', () => {
    expect(OneTimeWorkRequest.from('w').id).not.toBe(OneTimeWorkRequest.from('w').id);
    expect(OneTimeWorkRequest.from('w', { id: 'fixed' }).id).toBe('fixed');
  });

  it('keeps its tags read-only even through a cast', () => {
    const r = OneTimeWorkRequest.from('w', { tags: ['a'] });
    expect(() => (r.tags as Set<string>).add('b')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_OPERATION' }),
    );
    expect(() => (r.tags as Set<string>).clear()).toThrow();
    expect([...r.tags]).toEqual(['w', 'a']);
  });

  it('carries every given option', () => {
    const r = OneTimeWorkRequest.from('w', {
      input: { a: 1 },
      constraints: { requiredNetworkType: 'UNMETERED', requiresStorageNotLow: true },
      keepResultsForAtLeast: { days: 1 },
      expedited: 'DROP_WORK_REQUEST',
      inputMerger: 'ARRAY_CREATING',
    });
    expect(r.input.get('a')).toBe(1);
    expect(r.constraints).toEqual({
      ...NO_CONSTRAINTS,
      requiredNetworkType: 'UNMETERED',
      requiresStorageNotLow: true,
    });
    expect(r.keepResultsForAtLeast).toBe(DAY);
    expect([r.expedited, r.outOfQuotaPolicy]).toEqual([true, 'DROP_WORK_REQUEST']);
    expect(r.inputMerger).toBe('ARRAY_CREATING');
  });

  it('applies configured semantics: limits and data size', () => {
    const semantics = resolveSemantics({ minPeriodicIntervalMillis: MIN, maxDataBytes: 20 });
    const r = PeriodicWorkRequest.from('w', { repeatInterval: MIN }, { semantics });
    expect(r.interval).toBe(MIN);
    expect(() =>
      OneTimeWorkRequest.from('w', { input: { key: 'a long enough value' } }, { semantics }),
    ).toThrow(expect.objectContaining({ code: 'DATA_TOO_LARGE' }));
  });

  it('builds the reserved combine worker only with allowReservedWorker', () => {
    expect(() => OneTimeWorkRequest.from(COMBINE_WORKER)).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
    const combine = OneTimeWorkRequest.from(
      COMBINE_WORKER,
      { inputMerger: 'ARRAY_CREATING' },
      { allowReservedWorker: true },
    );
    expect(combine.worker).toBe('wm.combine');
    expect(combine.tags.has('wm.combine')).toBe(true);
  });
});

describe('normaliseForSemantics', () => {
  it('returns the same object when the limits change nothing, without warnings', () => {
    const logger = recordingLogger();
    const r = PeriodicWorkRequest.from('w', { repeatInterval: { hours: 1 } });
    expect(normaliseForSemantics(r, ANDROIDX_SEMANTICS, logger)).toBe(r);
    expect(logger.warnings).toEqual([]);
  });

  it('re-normalises from the raw values under other limits', () => {
    const logger = recordingLogger();
    const r = PeriodicWorkRequest.from(
      'w',
      { repeatInterval: MIN, flexInterval: 30_000, backoff: { policy: 'LINEAR', delay: 1_000 } },
      { logger },
    );
    expect([r.interval, r.flex, r.backoffDelay]).toEqual([900_000, 300_000, 10_000]);
    const loose = resolveSemantics({
      minPeriodicIntervalMillis: 1_000,
      minPeriodicFlexMillis: 1_000,
      minBackoffMillis: 1_000,
    });
    const again = normaliseForSemantics(r, loose, logger);
    expect([again.interval, again.flex, again.backoffDelay]).toEqual([MIN, 30_000, 1_000]);
    expect(again.raw).toBe(r.raw);
    expect(again.id).toBe(r.id);
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('uses the new default backoff when the request named none', () => {
    const r = OneTimeWorkRequest.from('w');
    const again = normaliseForSemantics(
      r,
      resolveSemantics({ defaultBackoffMillis: 60_000 }),
      recordingLogger(),
    );
    expect(again.backoffDelay).toBe(60_000);
  });

  it('rejects input larger than the new data limit', () => {
    const r = OneTimeWorkRequest.from('w', { input: { key: 'value' } });
    expect(() =>
      normaliseForSemantics(r, resolveSemantics({ maxDataBytes: 10 }), recordingLogger()),
    ).toThrow(expect.objectContaining({ code: 'DATA_TOO_LARGE' }));
  });
});
