import { fc, test } from '@fast-check/vitest';
import { isWorkError } from '@workmanager-ts/core';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationArgument } from '../../src/duration-text.js';

describe('durations on the command line', () => {
  it('CLI-20 reads the spellings the options document', () => {
    expect(parseDurationArgument('250ms', '--x')).toBe(250);
    expect(parseDurationArgument('10s', '--x')).toBe(10_000);
    expect(parseDurationArgument('15m', '--x')).toBe(900_000);
    expect(parseDurationArgument('1h30m', '--x')).toBe(5_400_000);
    expect(parseDurationArgument('2d', '--x')).toBe(172_800_000);
    expect(parseDurationArgument('1.5s', '--x')).toBe(1_500);
    expect(parseDurationArgument('1200', '--x')).toBe(1_200);
    for (const bad of ['', 'soon', '5 minutes', '1h 30m', '-5s', '5y', 'm5']) {
      let error: unknown;
      try {
        parseDurationArgument(bad, '--delay');
      } catch (e) {
        error = e;
      }
      expect(isWorkError(error, 'INVALID_REQUEST'), bad).toBe(true);
      expect((error as Error).message).toMatch(/^--delay must be a duration/);
    }
  });

  test.prop([fc.integer({ min: 0, max: 400 * 86_400 })])(
    'CLI-21 formatDuration writes what parseDurationArgument reads back (whole seconds)',
    (seconds) => {
      const millis = seconds * 1000;
      const text = formatDuration(millis);
      expect(parseDurationArgument(text, '--x')).toBe(millis);
    },
  );
});
