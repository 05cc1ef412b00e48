import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ANDROIDX_SEMANTICS, type WorkSemantics } from '../../src/model/work-semantics.js';
import type { Logger } from '../../src/ports/logger.js';
import { normaliseTimings, type RequestTimings } from '../../src/rules/request-normalisation.js';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => {}, warn: (m) => warnings.push(m), error: () => {} };
}

const millis = fc.integer({ min: 0, max: 10 * 86_400_000 });
const timings: fc.Arbitrary<RequestTimings> = fc.record({
  periodic: fc.boolean(),
  backoffDelay: fc.option(millis, { nil: undefined }),
  interval: millis,
  flex: fc.option(millis, { nil: undefined }),
});
const semantics: fc.Arbitrary<WorkSemantics> = fc
  .record({
    defaultBackoffMillis: millis,
    minBackoffMillis: fc.integer({ min: 0, max: 60_000 }),
    backoffSpan: millis,
    minPeriodicIntervalMillis: fc.integer({ min: 0, max: 3_600_000 }),
    minPeriodicFlexMillis: fc.integer({ min: 0, max: 3_600_000 }),
  })
  .map(({ backoffSpan, ...limits }) => ({
    ...ANDROIDX_SEMANTICS,
    ...limits,
    maxBackoffMillis: limits.minBackoffMillis + backoffSpan,
  }));

describe('normaliseTimings', () => {
  test.prop([timings, semantics])('is idempotent, and silent the second time', (t, s) => {
    const once = normaliseTimings(t, s, recordingLogger());
    const logger = recordingLogger();
    const twice = normaliseTimings(once, s, logger);
    expect(twice).toEqual(once);
    expect(logger.warnings).toEqual([]);
  });

  test.prop([timings, semantics])('keeps every value within the limits', (t, s) => {
    const n = normaliseTimings(t, s, recordingLogger());
    expect(n.backoffDelay).toBeGreaterThanOrEqual(s.minBackoffMillis);
    expect(n.backoffDelay).toBeLessThanOrEqual(s.maxBackoffMillis);
    if (t.periodic) {
      expect(n.interval).toBeGreaterThanOrEqual(s.minPeriodicIntervalMillis);
      expect(n.flex).toBeLessThanOrEqual(n.interval);
      expect(n.flex).toBeGreaterThanOrEqual(Math.min(s.minPeriodicFlexMillis, n.interval));
    } else {
      expect([n.interval, n.flex]).toEqual([0, 0]);
    }
  });

  test.prop([timings, semantics])('warns exactly when a given value changes', (t, s) => {
    const logger = recordingLogger();
    const n = normaliseTimings(t, s, logger);
    const backoffGiven = t.backoffDelay ?? s.defaultBackoffMillis;
    let expected = n.backoffDelay !== backoffGiven ? 1 : 0;
    if (t.periodic) {
      if (n.interval !== t.interval) expected++;
      if (t.flex !== undefined && n.flex !== t.flex) expected++;
    }
    expect(logger.warnings).toHaveLength(expected);
  });

  it('defaults flex to the interval and backoff to the default', () => {
    const logger = recordingLogger();
    const n = normaliseTimings(
      { periodic: true, backoffDelay: undefined, interval: 3_600_000, flex: undefined },
      ANDROIDX_SEMANTICS,
      logger,
    );
    expect(n).toEqual({
      periodic: true,
      backoffDelay: 30_000,
      interval: 3_600_000,
      flex: 3_600_000,
    });
    expect(logger.warnings).toEqual([]);
  });
});
