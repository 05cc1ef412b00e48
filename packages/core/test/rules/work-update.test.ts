import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../src/model/constraints.js';
import { Data } from '../../src/model/data.js';
import { isWorkError } from '../../src/model/work-error.js';
import type { WorkSpec } from '../../src/model/work-spec.js';
import { updatedWorkSpec } from '../../src/rules/work-update.js';
import { periodicSpec, workSpec } from './fixtures.js';

const H = 3_600_000;
const DAY = 24 * H;
const PROGRESS = Data.from({ percent: 40 });

describe('updatedWorkSpec (spec §8)', () => {
  it('UPD-03 finished work is NOT_APPLIED and unchanged', () => {
    for (const state of ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const) {
      const existing = workSpec({ state });
      const { result, spec } = updatedWorkSpec(existing, workSpec({ initialDelay: 5 }));
      expect(result).toBe('NOT_APPLIED');
      expect(spec).toBe(existing);
    }
  });

  it('rejects a periodic ↔ one-time change with UNSUPPORTED_OPERATION', () => {
    expect(() => updatedWorkSpec(workSpec(), periodicSpec(H))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_OPERATION' }),
    );
    let thrown: unknown;
    try {
      updatedWorkSpec(periodicSpec(H), workSpec());
    } catch (error) {
      thrown = error;
    }
    expect(isWorkError(thrown, 'UNSUPPORTED_OPERATION')).toBe(true);
  });

  it('UPD-01 UPD-05 UPD-17 ENQUEUED work takes the new request at once: APPLIED_IMMEDIATELY', () => {
    const existing = workSpec({
      tags: ['TestWorker', 'previous'],
      initialDelay: 10 * DAY,
      constraints: { ...NO_CONSTRAINTS, requiresCharging: true },
      lastEnqueueTime: 1_000,
      progress: PROGRESS,
    });
    const replacement = workSpec({
      workerName: 'CompletableWorker',
      tags: ['CompletableWorker', 'test'],
    });
    const { result, spec } = updatedWorkSpec(existing, replacement);
    expect(result).toBe('APPLIED_IMMEDIATELY');
    expect(spec).toMatchObject({
      workerName: 'CompletableWorker',
      tags: ['CompletableWorker', 'test'],
      constraints: NO_CONSTRAINTS,
      initialDelay: 0,
      generation: 1,
      lastEnqueueTime: 1_000,
      nextRunAt: 1_000,
    });
    expect(spec.progress.isEmpty()).toBe(true);
  });

  it('UPD-09 a BLOCKED dependent stays BLOCKED in its chain, with the new tags', () => {
    const existing = workSpec({
      id: 'step2',
      state: 'BLOCKED',
      lastEnqueueTime: -1,
      prerequisites: ['step1'],
      uniqueName: 'name',
    });
    const { result, spec } = updatedWorkSpec(
      existing,
      workSpec({ id: 'step2', tags: ['TestWorker', 'updated'] }),
    );
    expect(result).toBe('APPLIED_IMMEDIATELY');
    expect(spec).toMatchObject({
      state: 'BLOCKED',
      prerequisites: ['step1'],
      uniqueName: 'name',
      tags: ['TestWorker', 'updated'],
      nextRunAt: Number.POSITIVE_INFINITY,
    });
  });

  it('UPD-13 RUNNING work keeps its run: APPLIED_FOR_NEXT_RUN, progress and lease kept', () => {
    const existing = periodicSpec(DAY, {
      state: 'RUNNING',
      runAttemptCount: 1,
      tags: ['CompletableWorker', 'original'],
      progress: PROGRESS,
      runOwner: 'runner',
      leaseExpiresAt: 123,
      runOverrideGeneration: 0,
    });
    const { result, spec } = updatedWorkSpec(
      existing,
      periodicSpec(DAY, { tags: ['CompletableWorker', 'updated'] }),
    );
    expect(result).toBe('APPLIED_FOR_NEXT_RUN');
    expect(spec).toMatchObject({
      state: 'RUNNING',
      runOwner: 'runner',
      leaseExpiresAt: 123,
      tags: ['CompletableWorker', 'updated'],
      nextRunAt: Number.POSITIVE_INFINITY,
    });
    expect(spec.progress.equals(PROGRESS)).toBe(true);
  });

  it('UPD-15 a backed-off work keeps its attempts, so backoff continues from them', () => {
    const existing = workSpec({
      runAttemptCount: 1,
      backoffPolicy: 'LINEAR',
      backoffDelay: 5 * H, // 10 d as requested, clamped to 5 h by normalisation
      lastEnqueueTime: 0,
    });
    const { spec } = updatedWorkSpec(
      existing,
      workSpec({ workerName: 'TestWorker', backoffPolicy: 'LINEAR', backoffDelay: 5 * H }),
    );
    expect(spec.runAttemptCount).toBe(1);
    expect(spec.nextRunAt).toBe(5 * H);
  });

  it('recomputes the next run from the preserved enqueue time (delay 10 → 20 min)', () => {
    const existing = workSpec({ initialDelay: 10 * 60_000, lastEnqueueTime: 0 });
    const { spec } = updatedWorkSpec(existing, workSpec({ initialDelay: 20 * 60_000 }));
    const now = 5 * 60_000;
    expect(spec.nextRunAt - now).toBe(15 * 60_000);
  });

  it('UQ-17 the update keeps the existing id, enqueue time and period count', () => {
    const existing = periodicSpec(15 * 60_000, {
      id: 'O',
      lastEnqueueTime: 777,
      periodCount: 3,
      uniqueName: 'myname',
    });
    const { spec } = updatedWorkSpec(existing, periodicSpec(30 * 60_000, { id: 'R' }));
    expect(spec).toMatchObject({
      id: 'O',
      lastEnqueueTime: 777,
      periodCount: 3,
      interval: 1_800_000,
      uniqueName: 'myname',
      nextRunAt: 777 + 1_800_000,
    });
  });

  it('keeps the stored override and its generation when the request did not touch it', () => {
    const existing = periodicSpec(DAY, {
      nextScheduleTimeOverride: 10 * H,
      nextScheduleTimeOverrideGeneration: 1,
    });
    const { spec } = updatedWorkSpec(existing, periodicSpec(DAY));
    expect(spec.nextScheduleTimeOverride).toBe(10 * H);
    expect(spec.nextScheduleTimeOverrideGeneration).toBe(1);
    expect(spec.nextRunAt).toBe(10 * H);
  });

  it('UPD-19 a second update with override 12 h schedules at 43 200 000', () => {
    const withOverride = (at: number): WorkSpec =>
      periodicSpec(DAY, { nextScheduleTimeOverride: at, nextScheduleTimeOverrideGeneration: 1 });
    const enqueued = { ...withOverride(10 * H), lastEnqueueTime: 0 };
    const first = updatedWorkSpec(enqueued, withOverride(11 * H)).spec;
    expect(first.nextScheduleTimeOverrideGeneration).toBe(2);
    expect(first.nextRunAt).toBe(11 * H);
    const second = updatedWorkSpec(first, withOverride(12 * H)).spec;
    expect(second.nextScheduleTimeOverride).toBe(12 * H);
    expect(second.nextScheduleTimeOverrideGeneration).toBe(3);
    expect(second.generation).toBe(2);
    expect(second.nextRunAt).toBe(43_200_000);
  });

  it('UPD-21 clearing the override increments its generation; next = enqueue + initial delay', () => {
    const existing = periodicSpec(DAY, {
      initialDelay: 2 * DAY,
      lastEnqueueTime: 5 * H,
      nextScheduleTimeOverride: 10 * H,
      nextScheduleTimeOverrideGeneration: 1,
    });
    const cleared = periodicSpec(DAY, {
      initialDelay: 2 * DAY,
      nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
      nextScheduleTimeOverrideGeneration: 1,
    });
    const { spec } = updatedWorkSpec(existing, cleared);
    expect(spec.nextScheduleTimeOverride).toBe(Number.POSITIVE_INFINITY);
    expect(spec.nextScheduleTimeOverrideGeneration).toBe(2);
    expect(spec.nextRunAt).toBe(190_800_000);
  });
});
