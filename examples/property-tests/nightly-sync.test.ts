// "The nightly sync never runs twice in an hour" — whatever the device does, and across crashes.
import type { WorkManager } from '@workmanager-ts/core';
import {
  assertSchedulingProperty,
  environmentEventArbitrary,
  scenarioOf,
} from '@workmanager-ts/core/testing';
import { describe, expect, it } from 'vitest';
import {
  NIGHTLY_SYNC,
  nightlySyncRequest,
  scheduleNightlySync,
  syncWorker,
} from './app/nightly-sync.js';
import { caught } from './caught.js';

const HOUR = 3_600_000;

/** Time passes, Wi-Fi and power come and go, the app crashes and restarts. */
const days = scenarioOf(environmentEventArbitrary({ cancels: false }), { maxEvents: 20 });

function neverTwiceInAnHour(schedule: (wm: WorkManager) => Promise<void>, seed?: number) {
  return assertSchedulingProperty(
    days,
    ({ trace }) => {
      expect(
        trace.maxRunsWithin({ uniqueName: NIGHTLY_SYNC }, HOUR),
        'sync runs in one hour',
      ).toBeLessThanOrEqual(1);
    },
    {
      simulate: { workers: { sync: syncWorker }, onStart: ({ wm }) => schedule(wm) },
      params: { numRuns: 100, ...(seed !== undefined ? { seed } : {}) },
    },
  );
}

describe('nightly sync', () => {
  it('never runs twice in an hour', async () => {
    await neverTwiceInAnHour(scheduleNightlySync);
  });

  it('catches the broken variant (REPLACE at every start) with a tiny scenario', async () => {
    const broken = (wm: WorkManager) =>
      wm.enqueueUniquePeriodicWork(NIGHTLY_SYNC, 'REPLACE', nightlySyncRequest());
    const failure = await caught(neverTwiceInAnHour(broken, 1));
    // A restart is enough: the replacement runs at once, less than an hour after the last run.
    expect(failure.scenario.events).toEqual([{ kind: 'crash', downtimeMillis: 0 }]);
  });
});
