import { describe, expect, it } from 'vitest';
import { Data } from '../../src/model/data.js';
import { StopReason } from '../../src/model/stop-reason.js';
import type { WorkSpec } from '../../src/model/work-spec.js';
import type { RunOutcome } from '../../src/ports/work-store.js';
import { nextRunTimeOf } from '../../src/rules/next-run-time.js';
import {
  cancelPatch,
  cascadeFailPatch,
  claimPatch,
  concludeRunPatch,
  recoverRunPatch,
  unblockPatch,
} from '../../src/rules/run-transitions.js';
import { periodicSpec, workSpec } from './fixtures.js';

const H = 3_600_000;
const LEASE = { owner: 'runner-1', leaseExpiresAt: 99_999 };
const OUTPUT = Data.from({ result: 'ok' });
const PROGRESS = Data.from({ percent: 40 });

/** Claims `spec` at `now` and returns the RUNNING row as a store would hold it. */
function claimed(spec: WorkSpec, now: number): WorkSpec {
  return { ...spec, ...claimPatch(spec, { now, ...LEASE }) };
}

function conclude(spec: WorkSpec, outcome: RunOutcome, now: number): WorkSpec {
  return { ...spec, ...concludeRunPatch(spec, outcome, now) };
}

describe('claimPatch', () => {
  it('WW-13 ENQUEUED → RUNNING with one more attempt, the lease and the override generation', () => {
    const spec = periodicSpec(H, {
      runAttemptCount: 10,
      stopReason: 6,
      nextScheduleTimeOverrideGeneration: 4,
      nextRunAt: 5,
    });
    expect(claimPatch(spec, { now: 1, ...LEASE })).toEqual({
      state: 'RUNNING',
      runAttemptCount: 11,
      stopReason: StopReason.NOT_STOPPED,
      runOwner: 'runner-1',
      leaseExpiresAt: 99_999,
      nextRunAt: Number.POSITIVE_INFINITY,
      runOverrideGeneration: 4,
    });
  });
});

describe('concludeRunPatch — one-time work', () => {
  const running = claimed(workSpec({ lastEnqueueTime: 100, progress: PROGRESS }), 200);

  it('WW-01 success → SUCCEEDED with the output; progress and lease cleared', () => {
    const done = conclude(running, { kind: 'success', output: OUTPUT }, 300);
    expect(done).toMatchObject({
      state: 'SUCCEEDED',
      runOwner: null,
      leaseExpiresAt: 0,
      nextRunAt: Number.POSITIVE_INFINITY,
    });
    expect(done.output.equals(OUTPUT)).toBe(true);
    expect(done.progress.isEmpty()).toBe(true);
  });

  it('WW-03 failure → FAILED with the output, runAttemptCount 1', () => {
    const done = conclude(running, { kind: 'failure', output: OUTPUT }, 300);
    expect(done.state).toBe('FAILED');
    expect(done.runAttemptCount).toBe(1);
    expect(done.output.equals(OUTPUT)).toBe(true);
    expect(done.nextRunAt).toBe(Number.POSITIVE_INFINITY);
  });

  it('TD-15 retry → ENQUEUED from now, attempts kept, backed off', () => {
    const patch = concludeRunPatch(running, { kind: 'retry' }, 300);
    expect(patch).toMatchObject({
      state: 'ENQUEUED',
      lastEnqueueTime: 300,
      stopReason: StopReason.NOT_STOPPED,
      progress: Data.EMPTY,
      runOwner: null,
      leaseExpiresAt: 0,
      nextRunAt: 300 + 30_000,
    });
    expect(patch).not.toHaveProperty('runAttemptCount');
    expect(patch).not.toHaveProperty('output');
  });

  it('STP-01 interrupted → ENQUEUED with the stop reason; enqueue time, attempts, progress kept', () => {
    const patch = concludeRunPatch(running, { kind: 'interrupted', stopReason: 6 }, 300);
    expect(patch).toEqual({
      state: 'ENQUEUED',
      stopReason: 6,
      runOwner: null,
      leaseExpiresAt: 0,
      // Backed off from the *old* enqueue time: 100 + 30 000.
      nextRunAt: 30_100,
    });
  });
});

describe('concludeRunPatch — periodic work', () => {
  it('PER-01 success → next period: ENQUEUED, attempts 0, periodCount + 1, output not stored', () => {
    const running = claimed(periodicSpec(15 * 60_000, { lastEnqueueTime: 0 }), 0);
    const patch = concludeRunPatch(running, { kind: 'success', output: OUTPUT }, 1_000);
    expect(patch).not.toHaveProperty('output');
    const next = { ...running, ...patch };
    expect(next).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 0,
      periodCount: 1,
      lastEnqueueTime: 1_000,
      stopReason: StopReason.NOT_STOPPED,
      nextRunAt: 1_000 + 15 * 60_000,
    });
    expect(next.output.isEmpty()).toBe(true);
  });

  it('failure of periodic work also starts the next period', () => {
    const running = claimed(periodicSpec(H, { lastEnqueueTime: 0 }), 0);
    const next = conclude(running, { kind: 'failure', output: OUTPUT }, 500);
    expect(next).toMatchObject({ state: 'ENQUEUED', periodCount: 1, runAttemptCount: 0 });
    expect(next.output.isEmpty()).toBe(true);
  });

  it('PER-03 retry → ENQUEUED, runAttemptCount 1, scheduled by backoff', () => {
    const running = claimed(periodicSpec(H, { lastEnqueueTime: 0 }), 0);
    const next = conclude(running, { kind: 'retry' }, 500);
    expect(next).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
      periodCount: 0,
      lastEnqueueTime: 500,
      nextRunAt: 500 + 30_000,
    });
  });

  it('PER-07 the override delays the run; after it the override is cleared', () => {
    const enqueued = periodicSpec(H, {
      lastEnqueueTime: 4 * H,
      nextScheduleTimeOverride: 14 * H,
      nextScheduleTimeOverrideGeneration: 1,
    });
    // At 4 h + 1 h + 1 ms the work is not due: it waits for the override.
    expect(nextRunTimeOf(enqueued)).toBe(50_400_000);
    expect(nextRunTimeOf(enqueued)).toBeGreaterThan(18_000_001);
    const next = conclude(
      claimed(enqueued, 14 * H),
      { kind: 'success', output: Data.EMPTY },
      14 * H,
    );
    expect(next.nextScheduleTimeOverride).toBe(Number.POSITIVE_INFINITY);
    expect(next.nextScheduleTimeOverrideGeneration).toBe(1);
    expect(next.periodCount).toBe(1);
    expect(next.nextRunAt).toBe(54_000_000);
  });

  it('PER-09 an override set while running survives and schedules the next run', () => {
    const running = claimed(periodicSpec(100 * H, { lastEnqueueTime: 4 * H }), 14 * H);
    const setMidRun: WorkSpec = {
      ...running,
      nextScheduleTimeOverride: 34 * H,
      nextScheduleTimeOverrideGeneration: 3,
    };
    const next = conclude(setMidRun, { kind: 'success', output: Data.EMPTY }, 14 * H);
    expect(next).toMatchObject({
      state: 'ENQUEUED',
      periodCount: 1,
      runAttemptCount: 0,
      nextScheduleTimeOverrideGeneration: 3,
      nextScheduleTimeOverride: 122_400_000,
      nextRunAt: 122_400_000,
    });
  });

  it('PER-11 an override cleared while running stays cleared; next = completion + interval', () => {
    const enqueued = periodicSpec(100 * H, {
      lastEnqueueTime: 4 * H,
      nextScheduleTimeOverride: 20 * H,
      nextScheduleTimeOverrideGeneration: 4,
    });
    const running = claimed(enqueued, 14 * H);
    const clearedMidRun: WorkSpec = {
      ...running,
      nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
      nextScheduleTimeOverrideGeneration: 5,
    };
    const next = conclude(clearedMidRun, { kind: 'success', output: Data.EMPTY }, 14 * H);
    expect(next).toMatchObject({
      periodCount: 1,
      runAttemptCount: 0,
      nextScheduleTimeOverrideGeneration: 5,
      nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
      nextRunAt: 410_400_000,
    });
  });

  it('retry clears an override unchanged since the run started', () => {
    const running = claimed(
      periodicSpec(H, {
        lastEnqueueTime: 0,
        nextScheduleTimeOverride: 10,
        nextScheduleTimeOverrideGeneration: 2,
      }),
      10,
    );
    const next = conclude(running, { kind: 'retry' }, 20);
    expect(next.nextScheduleTimeOverride).toBe(Number.POSITIVE_INFINITY);
    expect(next.nextRunAt).toBe(20 + 30_000);
  });

  it('STP-11 interruption never touches the override; attempts stay counted', () => {
    const running = claimed(
      periodicSpec(H, {
        lastEnqueueTime: 0,
        nextScheduleTimeOverride: 10,
        nextScheduleTimeOverrideGeneration: 2,
      }),
      10,
    );
    const patch = concludeRunPatch(running, { kind: 'interrupted', stopReason: 7 }, 20);
    expect(patch).not.toHaveProperty('nextScheduleTimeOverride');
    const next = { ...running, ...patch };
    expect(next.runAttemptCount).toBe(1);
    expect(next.stopReason).toBe(7);
    expect(next.nextRunAt).toBe(10);
  });
});

describe('recoverRunPatch (spec §13)', () => {
  it('REC-01 RUNNING → ENQUEUED with stop reason UNKNOWN, progress dropped, backed off', () => {
    const running = {
      ...claimed(workSpec({ lastEnqueueTime: 1_000 }), 2_000),
      progress: PROGRESS,
    };
    const recovered = { ...running, ...recoverRunPatch(running) };
    expect(recovered).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.UNKNOWN,
      runAttemptCount: 1,
      lastEnqueueTime: 1_000,
      runOwner: null,
      leaseExpiresAt: 0,
      nextRunAt: 1_000 + 30_000,
    });
    expect(recovered.progress.isEmpty()).toBe(true);
  });
});

describe('cancelPatch (spec §9)', () => {
  it('STP-09 a RUNNING work is cancelled with CANCELLED_BY_APP', () => {
    expect(cancelPatch(claimed(workSpec(), 0))).toEqual({
      state: 'CANCELLED',
      stopReason: StopReason.CANCELLED_BY_APP,
      runOwner: null,
      leaseExpiresAt: 0,
      nextRunAt: Number.POSITIVE_INFINITY,
    });
  });

  it('CAN-01 an ENQUEUED or BLOCKED work is cancelled with NOT_STOPPED', () => {
    for (const state of ['ENQUEUED', 'BLOCKED'] as const) {
      expect(cancelPatch(workSpec({ state, stopReason: 6 }))).toMatchObject({
        state: 'CANCELLED',
        stopReason: StopReason.NOT_STOPPED,
      });
    }
  });
});

describe('unblockPatch and cascadeFailPatch (spec §6.2)', () => {
  it('CH-09 an unblocked dependent is enqueued at the prerequisite’s completion time', () => {
    const blocked = workSpec({ state: 'BLOCKED', lastEnqueueTime: -1, initialDelay: 50 });
    expect(unblockPatch(blocked, 7_000)).toEqual({
      state: 'ENQUEUED',
      lastEnqueueTime: 7_000,
      nextRunAt: 7_050,
    });
  });

  it('CH-11 a dependent of failed work becomes FAILED with its output untouched', () => {
    const patch = cascadeFailPatch(workSpec({ state: 'BLOCKED', lastEnqueueTime: -1 }));
    expect(patch).toEqual({ state: 'FAILED', nextRunAt: Number.POSITIVE_INFINITY });
  });
});
