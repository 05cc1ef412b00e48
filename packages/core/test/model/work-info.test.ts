import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../src/model/constraints.js';
import { Data } from '../../src/model/data.js';
import { StopReason } from '../../src/model/stop-reason.js';
import { type WorkInfo, workInfoEquals, workInfoFromSpec } from '../../src/model/work-info.js';
import { OneTimeWorkRequest, PeriodicWorkRequest } from '../../src/model/work-request.js';
import type { WorkSpec } from '../../src/model/work-spec.js';
import { workSpecFromRequest } from '../../src/model/work-spec-template.js';

const placement = { prerequisites: [], uniqueName: null };

function stored(spec: WorkSpec, patch: Partial<WorkSpec>): WorkSpec {
  return { ...spec, ...patch };
}

describe('workInfoFromSpec', () => {
  const oneTime = workSpecFromRequest(
    OneTimeWorkRequest.from('w', { id: 'one', tags: ['t'], initialDelay: 5_000 }),
    placement,
  );

  it('reports the spec fields the app may see', () => {
    const info = workInfoFromSpec(
      stored(oneTime, {
        state: 'ENQUEUED',
        nextRunAt: 15_000,
        runAttemptCount: 2,
        generation: 3,
        stopReason: StopReason.CONSTRAINT_CHARGING,
        progress: Data.from({ percent: 40 }),
      }),
    );
    expect(info).toMatchObject({
      id: 'one',
      state: 'ENQUEUED',
      outputData: Data.EMPTY,
      runAttemptCount: 2,
      generation: 3,
      constraints: NO_CONSTRAINTS,
      initialDelayMillis: 5_000,
      periodicityInfo: null,
      nextScheduleTimeMillis: 15_000,
      stopReason: StopReason.CONSTRAINT_CHARGING,
    });
    expect(info.progress.get('percent')).toBe(40);
    expect(info.tags).toEqual(new Set(['w', 't']));
    expect(Object.isFrozen(info)).toBe(true);
  });

  it('nextScheduleTimeMillis is Infinity unless ENQUEUED (spec §4.3)', () => {
    for (const state of ['RUNNING', 'BLOCKED', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const) {
      const info = workInfoFromSpec(stored(oneTime, { state, nextRunAt: 15_000 }));
      expect(info.nextScheduleTimeMillis, state).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('gives periodic work its periodicity info', () => {
    const periodic = workSpecFromRequest(
      PeriodicWorkRequest.from('w', {
        repeatInterval: { hours: 1 },
        flexInterval: { minutes: 10 },
      }),
      placement,
    );
    expect(workInfoFromSpec(periodic).periodicityInfo).toEqual({
      repeatIntervalMillis: 3_600_000,
      flexIntervalMillis: 600_000,
    });
  });
});

describe('workInfoEquals', () => {
  const base = workInfoFromSpec(
    workSpecFromRequest(
      PeriodicWorkRequest.from('w', { id: 'p', tags: ['a', 'b'], repeatInterval: 900_000 }),
      placement,
    ),
  );

  it('compares tags as sets and data by value', () => {
    const same: WorkInfo = {
      ...base,
      tags: new Set(['b', 'a', 'w']),
      outputData: Data.from({}),
      progress: Data.fromJSON('{}'),
      constraints: { ...NO_CONSTRAINTS },
      periodicityInfo: { repeatIntervalMillis: 900_000, flexIntervalMillis: 900_000 },
    };
    expect(workInfoEquals(base, same)).toBe(true);
  });

  it('detects a change in any single field', () => {
    const changes: Partial<WorkInfo>[] = [
      { id: 'q' },
      { state: 'RUNNING' },
      { tags: new Set(['w', 'a']) },
      { tags: new Set(['w', 'a', 'c']) },
      { outputData: Data.from({ x: 1 }) },
      { progress: Data.from({ percent: 1 }) },
      { runAttemptCount: 1 },
      { generation: 1 },
      { constraints: { ...NO_CONSTRAINTS, requiresCharging: true } },
      { initialDelayMillis: 1 },
      { periodicityInfo: null },
      { periodicityInfo: { repeatIntervalMillis: 900_000, flexIntervalMillis: 300_000 } },
      { nextScheduleTimeMillis: 0 },
      { stopReason: StopReason.UNKNOWN },
    ];
    for (const change of changes) {
      expect(workInfoEquals(base, { ...base, ...change }), Object.keys(change)[0]).toBe(false);
      expect(workInfoEquals({ ...base, ...change }, base), Object.keys(change)[0]).toBe(false);
    }
  });
});
