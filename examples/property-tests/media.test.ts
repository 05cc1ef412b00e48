// "A backup never waits while it could run": long transcodes must not take every worker slot.
import type { WorkManager } from '@workmanager-ts/core';
import { OneTimeWorkRequest } from '@workmanager-ts/core';
import {
  assertSchedulingProperty,
  environmentEventArbitrary,
  eventsArbitrary,
  type Scenario,
  type SimEvent,
} from '@workmanager-ts/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backUp, MAX_CONCURRENCY, transcode } from './app/media.js';
import { caught } from './caught.js';

const HOUR = 3_600_000;

const scenarios: fc.Arbitrary<Scenario> = eventsArbitrary(
  fc.oneof(
    fc.constantFrom<SimEvent>(
      { kind: 'action', name: 'transcode' },
      { kind: 'action', name: 'back-up' },
    ),
    environmentEventArbitrary({ cancels: false }),
  ),
  { maxLength: 12 },
).map((events) => ({
  // A transcode takes two hours; a backup ten minutes.
  scripts: {
    transcode: [{ result: 'success', durationMillis: 2 * HOUR }],
    backup: [{ result: 'success', durationMillis: HOUR / 6 }],
  },
  events,
}));

function backupNeverWaits(
  enqueueTranscode: (wm: WorkManager, id: string) => Promise<void>,
  seed?: number,
) {
  let videos = 0;
  return assertSchedulingProperty(
    scenarios,
    ({ trace }) => {
      const wait = trace.longestRunnableWait({ tag: 'backup' });
      expect(wait, 'a runnable backup was left waiting').toBeNull();
    },
    {
      simulate: {
        config: { maxConcurrency: MAX_CONCURRENCY },
        onStart: ({ incarnation }) => {
          if (incarnation === 0) videos = 0;
        },
        actions: {
          transcode: ({ wm }) => enqueueTranscode(wm, `v${videos++}`),
          'back-up': ({ wm }) => backUp(wm),
        },
      },
      params: { numRuns: 100, ...(seed !== undefined ? { seed } : {}) },
    },
  );
}

describe('media', () => {
  it('a backup never waits while it could run', async () => {
    await backupNeverWaits(transcode);
  });

  it('catches the broken variant (transcodes enqueued side by side) with a tiny scenario', {
    timeout: 30_000,
  }, async () => {
    const broken = (wm: WorkManager, id: string) =>
      wm.enqueue(
        OneTimeWorkRequest.from('transcode', { id: `transcode-${id}`, tags: ['transcode'] }),
      );
    const failure = await caught(backupNeverWaits(broken, 1));
    // Two transcodes fill both slots, then a backup (or a third transcode) waits.
    expect(failure.scenario.events.length).toBeLessThanOrEqual(4);
    expect(failure.scenario.events.filter((e) => e.kind === 'action').length).toBe(3);
  });
});
