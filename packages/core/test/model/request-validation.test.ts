import { describe, expect, it } from 'vitest';
import type { WorkErrorCode } from '../../src/model/work-error.js';
import {
  OneTimeWorkRequest,
  type OneTimeWorkRequestOptions,
  PeriodicWorkRequest,
  type PeriodicWorkRequestOptions,
} from '../../src/model/work-request.js';
import { silentLogger } from '../../src/ports/logger.js';
import {
  MAX_DURATION_MILLIS,
  RESERVED_PREFIX,
  validateRequest,
} from '../../src/rules/request-validation.js';

const quiet = { logger: silentLogger };

function codeOf(build: () => unknown): WorkErrorCode | 'no error' {
  try {
    build();
  } catch (e) {
    return (e as { code: WorkErrorCode }).code;
  }
  return 'no error';
}

const oneTime = (options: unknown, worker: unknown = 'w') =>
  codeOf(() =>
    OneTimeWorkRequest.from(worker as string, options as OneTimeWorkRequestOptions, quiet),
  );
const periodic = (options: unknown, worker: unknown = 'w') =>
  codeOf(() =>
    PeriodicWorkRequest.from(worker as string, options as PeriodicWorkRequestOptions, quiet),
  );

describe('request validation', () => {
  it('BLD-15 expedited work with an initial delay is rejected', () => {
    expect(
      oneTime({ expedited: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST', initialDelay: { seconds: 10 } }),
    ).toBe('INVALID_REQUEST');
    expect(oneTime({ expedited: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST', initialDelay: 0 })).toBe(
      'no error',
    );
  });

  it('rejects an empty or non-string worker name', () => {
    for (const worker of ['', undefined, null, 3, {}]) {
      const name = worker as string;
      expect(
        codeOf(() => OneTimeWorkRequest.from(name, {}, quiet)),
        String(worker),
      ).toBe('INVALID_REQUEST');
      expect(
        codeOf(() => PeriodicWorkRequest.from(name, { repeatInterval: 900_000 }, quiet)),
        String(worker),
      ).toBe('INVALID_REQUEST');
    }
  });

  it(`rejects worker names and tags with the reserved prefix "${RESERVED_PREFIX}"`, () => {
    expect(oneTime(undefined, 'wm.mine')).toBe('INVALID_REQUEST');
    expect(periodic({ repeatInterval: 900_000 }, 'wm.mine')).toBe('INVALID_REQUEST');
    expect(oneTime({ tags: ['ok', 'wm.tag'] })).toBe('INVALID_REQUEST');
    expect(oneTime({ tags: ['wmx'] })).toBe('no error');
  });

  it('rejects empty tags, non-string tags and a bare string as tags', () => {
    expect(oneTime({ tags: [''] })).toBe('INVALID_REQUEST');
    expect(oneTime({ tags: [1] })).toBe('INVALID_REQUEST');
    expect(oneTime({ tags: 'abc' })).toBe('INVALID_REQUEST');
    expect(oneTime({ tags: new Set(['a']) })).toBe('no error');
  });

  it('rejects a non-string or empty id', () => {
    expect(oneTime({ id: '' })).toBe('INVALID_REQUEST');
    expect(oneTime({ id: 42 })).toBe('INVALID_REQUEST');
    expect(oneTime({ id: null })).toBe('INVALID_REQUEST');
  });

  it('rejects expedited work requiring charging, battery-not-low or device idle (spec §14)', () => {
    for (const flag of ['requiresCharging', 'requiresBatteryNotLow', 'requiresDeviceIdle']) {
      expect(oneTime({ expedited: 'DROP_WORK_REQUEST', constraints: { [flag]: true } }), flag).toBe(
        'INVALID_REQUEST',
      );
    }
    expect(
      oneTime({
        expedited: 'DROP_WORK_REQUEST',
        constraints: { requiredNetworkType: 'CONNECTED', requiresStorageNotLow: true },
      }),
    ).toBe('no error');
  });

  it('rejects expedited periodic work', () => {
    expect(periodic({ repeatInterval: 900_000, expedited: 'DROP_WORK_REQUEST' })).toBe(
      'INVALID_REQUEST',
    );
  });

  it('rejects device idle together with an explicit backoff, one-time and periodic (spec §17)', () => {
    const idle = { constraints: { requiresDeviceIdle: true } };
    const backoff = { backoff: { policy: 'LINEAR', delay: 20_000 } };
    expect(oneTime({ ...idle, ...backoff })).toBe('INVALID_REQUEST');
    expect(periodic({ repeatInterval: 900_000, ...idle, ...backoff })).toBe('INVALID_REQUEST');
    expect(oneTime(idle)).toBe('no error');
    expect(periodic({ repeatInterval: 900_000, ...idle })).toBe('no error');
  });

  it('rejects unknown enum strings', () => {
    expect(oneTime({ constraints: { requiredNetworkType: 'WIFI' } })).toBe('INVALID_REQUEST');
    expect(oneTime({ backoff: { policy: 'QUADRATIC', delay: 20_000 } })).toBe('INVALID_REQUEST');
    expect(oneTime({ expedited: 'YES' })).toBe('INVALID_REQUEST');
    expect(oneTime({ expedited: true })).toBe('INVALID_REQUEST');
    expect(oneTime({ inputMerger: 'MERGE' })).toBe('INVALID_REQUEST');
  });

  it('rejects malformed constraints and backoff objects', () => {
    expect(oneTime({ constraints: { requiresCharging: 'yes' } })).toBe('INVALID_REQUEST');
    expect(oneTime({ constraints: { requiresChargin: true } })).toBe('INVALID_REQUEST');
    expect(oneTime({ constraints: 'CONNECTED' })).toBe('INVALID_REQUEST');
    expect(oneTime({ backoff: 'LINEAR' })).toBe('INVALID_REQUEST');
    expect(oneTime({ backoff: { policy: 'LINEAR' } })).toBe('INVALID_REQUEST');
  });

  it('rejects unknown options, naming them', () => {
    expect(() => OneTimeWorkRequest.from('w', { initalDelay: 5 } as never, quiet)).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('initalDelay'),
      }),
    );
    expect(oneTime({ repeatInterval: 900_000 })).toBe('INVALID_REQUEST');
    expect(periodic({ repeatInterval: 900_000, inputMerger: 'OVERWRITING' })).toBe(
      'INVALID_REQUEST',
    );
    expect(oneTime({ initialDelay: undefined, expedited: undefined })).toBe('no error');
  });

  it('rejects non-finite and negative durations in every duration option', () => {
    const bad = [Number.NaN, Number.POSITIVE_INFINITY, -1, { minutes: -5 }];
    for (const value of bad) {
      expect(oneTime({ initialDelay: value })).toBe('INVALID_REQUEST');
      expect(oneTime({ keepResultsForAtLeast: value })).toBe('INVALID_REQUEST');
      expect(oneTime({ backoff: { policy: 'LINEAR', delay: value } })).toBe('INVALID_REQUEST');
      expect(periodic({ repeatInterval: value })).toBe('INVALID_REQUEST');
      expect(periodic({ repeatInterval: 900_000, flexInterval: value })).toBe('INVALID_REQUEST');
    }
  });

  it('rejects an initial delay so large that now + delay would overflow', () => {
    expect(oneTime({ initialDelay: MAX_DURATION_MILLIS })).toBe('no error');
    expect(oneTime({ initialDelay: MAX_DURATION_MILLIS + 1 })).toBe('INVALID_REQUEST');
    expect(oneTime({ initialDelay: Number.MAX_SAFE_INTEGER })).toBe('INVALID_REQUEST');
  });

  it('rejects a periodic request without options or repeatInterval', () => {
    expect(periodic(undefined)).toBe('INVALID_REQUEST');
    expect(periodic({})).toBe('INVALID_REQUEST');
  });

  it('rejects a next-schedule-time override that is not a finite number', () => {
    for (const value of [Number.POSITIVE_INFINITY, Number.NaN, '123']) {
      expect(periodic({ repeatInterval: 900_000, nextScheduleTimeOverride: value })).toBe(
        'INVALID_REQUEST',
      );
    }
  });

  it('reports input data errors with their own codes', () => {
    expect(oneTime({ input: { a: { nested: true } } })).toBe('INVALID_DATA');
    expect(oneTime({ input: { a: 'x'.repeat(11_000) } })).toBe('DATA_TOO_LARGE');
  });

  it('validateRequest returns the typed, un-normalised values', () => {
    const valid = validateRequest(
      'periodic',
      'w',
      { repeatInterval: 60_000, backoff: { policy: 'LINEAR', delay: 1 }, tags: ['t'] },
      { maxDataBytes: 10_240, allowReservedWorker: false },
    );
    expect(valid).toMatchObject({
      kind: 'periodic',
      id: undefined,
      worker: 'w',
      tags: ['t'],
      interval: 60_000,
      flex: undefined,
      backoffPolicy: 'LINEAR',
      backoffDelay: 1,
    });
  });
});
