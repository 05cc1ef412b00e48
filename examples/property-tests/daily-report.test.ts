// "The morning report runs once per Paris calendar day, never before 06:00" — across DST (luxon).
import type { WorkManager } from '@workmanager-ts/core';
import { PeriodicWorkRequest } from '@workmanager-ts/core';
import {
  assertSchedulingProperty,
  eventsArbitrary,
  type Scenario,
  type SimEvent,
} from '@workmanager-ts/core/testing';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dailyReportWorker,
  nextReportTime,
  REPORT_HOUR,
  scheduleDailyReport,
  ZONE,
} from './app/daily-report.js';
import { caught } from './caught.js';

const HOUR = 3_600_000;
/** Friday 23 October 2026, 07:00 in Paris: clocks go back on Sunday the 25th. */
const START = DateTime.fromISO('2026-10-23T07:00', { zone: ZONE }).toMillis();

const scenarios: fc.Arbitrary<Scenario> = eventsArbitrary(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(HOUR, 6 * HOUR, 24 * HOUR)
        .map((millis): SimEvent => ({ kind: 'advance', millis })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(0, HOUR)
        .map((downtimeMillis): SimEvent => ({ kind: 'crash', downtimeMillis })),
    },
  ),
  { maxLength: 15 },
).map((events) => ({ start: START, events }));

function oncePerMorning(schedule: (wm: WorkManager, now: number) => Promise<void>, seed?: number) {
  return assertSchedulingProperty(
    scenarios,
    ({ trace }) => {
      const days = new Set<string>();
      for (const run of trace.runs({ tag: 'report' })) {
        const local = DateTime.fromMillis(run.start, { zone: ZONE });
        expect(local.hour, `report at ${local.toISO()}`).toBeGreaterThanOrEqual(REPORT_HOUR);
        const day = local.toISODate()!;
        expect(days.has(day), `second report on ${day}`).toBe(false);
        days.add(day);
      }
    },
    {
      simulate: {
        workers: (sim) => ({ 'daily-report': dailyReportWorker(sim) }),
        onStart: ({ wm, now }) => schedule(wm, now),
      },
      params: { numRuns: 100, ...(seed !== undefined ? { seed } : {}) },
    },
  );
}

describe('daily report', () => {
  it('runs once per Paris calendar day, never before 06:00, across the DST change', async () => {
    await oncePerMorning(scheduleDailyReport);
  });

  it('catches the broken variant (a 24 h periodic work drifts to 05:00 after DST)', async () => {
    const broken = (wm: WorkManager, now: number) =>
      wm.enqueueUniquePeriodicWork(
        'daily-report',
        'KEEP',
        PeriodicWorkRequest.from('report-naive', {
          tags: ['report'],
          repeatInterval: { hours: 24 },
          initialDelay: nextReportTime(now).toMillis() - now,
        }),
      );
    const failure = await caught(oncePerMorning(broken, 1));
    // About two days pass: Saturday's 06:00 CEST run, then Sunday's at 05:00 CET.
    expect(failure.scenario.events.length).toBeLessThanOrEqual(2);
    expect(failure.message).toContain('report at 2026-10-25T05:00');
  });
});
