import { Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type DurationInput, toMillis } from '../../src/model/duration.js';

describe('toMillis', () => {
  it('reads milliseconds, luxon Durations and duration objects', () => {
    expect(toMillis(1_500, 'd')).toBe(1_500);
    expect(toMillis(Duration.fromObject({ minutes: 15 }), 'd')).toBe(900_000);
    expect(toMillis({ days: 2, hours: 3 }, 'd')).toBe(183_600_000);
    expect(toMillis({ hour: 1, minute: 2 }, 'd')).toBe(3_720_000);
  });

  it('rounds to whole milliseconds and never returns -0', () => {
    expect(toMillis(1.4, 'd')).toBe(1);
    expect(toMillis(1.5, 'd')).toBe(2);
    expect(Object.is(toMillis(-0, 'd'), 0)).toBe(true);
    expect(toMillis({ seconds: 0.0004 }, 'd')).toBe(0);
  });

  it.each<[string, unknown]>([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['negative', -1],
    ['negative object', { minutes: -1 }],
    ['invalid luxon Duration', Duration.invalid('broken')],
    ['unknown unit', { fortnights: 1 }],
    ['non-numeric unit', { minutes: 'ten' }],
    ['string', '15m'],
    ['null', null],
    ['array', [1]],
  ])('throws INVALID_REQUEST naming the option for %s', (_name, input) => {
    expect(() => toMillis(input as DurationInput, 'initialDelay')).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('initialDelay'),
      }),
    );
  });
});
