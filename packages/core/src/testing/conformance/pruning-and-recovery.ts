import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import { StopReason } from '../../model/stop-reason.js';
import { OneTimeWorkRequest } from '../../model/work-request.js';
import { createTestWorkManager, type TestWorkManager } from '../create-test-work-manager.js';
import { TestConstraintTracker } from '../test-constraint-tracker.js';
import { createLatch, observedWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit, withStore } from './with-kit.js';

const charging = { constraints: { requiresCharging: true } } as const;
const DAY = 86_400_000;

/** Section J of scenarios.md: pruning (spec §11) and recovery at open (spec §13). */
export function describePruningAndRecovery(factory: ConformanceStoreFactory): void {
  const workers = { TestWorker: () => Result.success() };

  describe('pruning and recovery (scenarios J, spec §11, §13)', () => {
    it('PRN-01 pruneWork deletes finished works without unfinished dependents, ignoring retention', async () => {
      await withKit(factory, { workers }, async (t) => {
        const e = OneTimeWorkRequest.from('TestWorker', charging);
        const f = OneTimeWorkRequest.from('TestWorker');
        const g = OneTimeWorkRequest.from('TestWorker');
        const k = OneTimeWorkRequest.from('TestWorker', { keepResultsForAtLeast: { days: 999 } });
        await t.wm.beginWith(g).then(e).enqueue();
        await t.wm.enqueue([f, k]);
        await t.settle();
        expect((await t.wm.getWorkInfoById(e.id))?.state).toBe('ENQUEUED');
        await t.wm.pruneWork();
        expect((await t.wm.getWorkInfoById(e.id))?.state).toBe('ENQUEUED');
        expect((await t.wm.getWorkInfoById(g.id))?.state).toBe('SUCCEEDED');
        expect(await t.wm.getWorkInfoById(f.id)).toBeNull();
        expect(await t.wm.getWorkInfoById(k.id)).toBeNull();
      });
    });

    it('§11 pruneWork also deletes CANCELLED and FAILED works and their finished chains', async () => {
      const all = { ...workers, FailureWorker: () => Result.failure() };
      await withKit(factory, { workers: all }, async (t) => {
        const failed = OneTimeWorkRequest.from('FailureWorker');
        const failedChild = OneTimeWorkRequest.from('TestWorker');
        const cancelled = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.beginWith(failed).then(failedChild).enqueue();
        await t.wm.enqueue(cancelled);
        await t.settle();
        await t.wm.cancelWorkById(cancelled.id);
        await t.wm.pruneWork();
        for (const w of [failed, failedChild, cancelled])
          expect(await t.wm.getWorkInfoById(w.id)).toBeNull();
      });
    });

    it('PRN-03 opening a store prunes finished work older than a day unless an unfinished work depends on it', async () => {
      await withStore(factory, async (store) => {
        const work0 = OneTimeWorkRequest.from('TestWorker');
        const work1 = OneTimeWorkRequest.from('TestWorker');
        const work2 = OneTimeWorkRequest.from('TestWorker', charging);
        const kept = OneTimeWorkRequest.from('TestWorker', { keepResultsForAtLeast: { days: 2 } });
        const recent = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 1 } });
        const first = await createTestWorkManager({ workers, store, mode: 'time' });
        try {
          first.conditions?.set({ charging: false });
          await first.wm.beginWith(work0).then(work1).then(work2).enqueue();
          await first.wm.enqueue(kept);
          await first.settle();
          await first.clock.advance({ hours: 1 });
          await first.wm.enqueue(recent);
          await first.clock.advance({ hours: 1 });
          expect((await first.wm.getWorkInfoById(work1.id))?.state).toBe('SUCCEEDED');
          expect((await first.wm.getWorkInfoById(work2.id))?.state).toBe('ENQUEUED');
          expect((await first.wm.getWorkInfoById(recent.id))?.state).toBe('SUCCEEDED');
        } finally {
          await first.close();
        }
        const second = await createTestWorkManager({
          workers,
          store,
          mode: 'time',
          now: DAY + 90 * 60_000,
          constraints: new TestConstraintTracker({ charging: false }),
        });
        try {
          expect(await second.wm.getWorkInfoById(work0.id)).toBeNull();
          expect((await second.wm.getWorkInfoById(work1.id))?.state).toBe('SUCCEEDED');
          expect((await second.wm.getWorkInfoById(work2.id))?.state).toBe('ENQUEUED');
          expect((await second.wm.getWorkInfoById(kept.id))?.state).toBe('SUCCEEDED');
          // Retention counts from the last enqueue time (1 h), not from completion (2 h).
          expect(await second.wm.getWorkInfoById(recent.id)).toBeNull();
        } finally {
          await second.close();
        }
      });
    });

    it('REC-01 a RUNNING work left by an engine that never stopped is recovered at the next open and runs again', async () => {
      const latch = createLatch<void>();
      const seen: { owner: string; attempt: number }[] = [];
      const worker = (owner: string) => async (ctx: WorkerContext) => {
        seen.push({ owner, attempt: ctx.runAttemptCount });
        if (owner === 'first') {
          await ctx.setProgress({ step: 1 });
          await latch.promise; // never returns while the second engine runs
        }
        return Result.success();
      };
      await withStore(factory, async (store) => {
        const w = OneTimeWorkRequest.from('Worker');
        let first: TestWorkManager | null = null;
        let second: TestWorkManager | null = null;
        try {
          first = await createTestWorkManager({ workers: { Worker: worker('first') }, store });
          await first.wm.enqueue(w);
          await first.settle();
          expect((await first.wm.getWorkInfoById(w.id))?.state).toBe('RUNNING');
          second = await createTestWorkManager({
            workers: { Worker: worker('second') },
            store,
            config: { recoverOnOpen: 'all' },
          });
          const recovered = await second.wm.getWorkInfoById(w.id);
          expect(recovered?.state).toBe('ENQUEUED');
          expect(recovered?.stopReason).toBe(StopReason.UNKNOWN);
          expect(recovered?.runAttemptCount).toBe(1);
          expect(recovered?.progress.isEmpty()).toBe(true);
          // Backed off from its old enqueue time; the driver starts it now.
          await second.driver.setAllConstraintsMet(w.id);
          expect(seen).toEqual([
            { owner: 'first', attempt: 0 },
            { owner: 'second', attempt: 1 },
          ]);
          const info = await second.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('SUCCEEDED');
          expect(info?.runAttemptCount).toBe(2);
          // The first engine's late result is ignored: the run is no longer its own.
          latch.release();
          await first.close();
          first = null;
          expect((await second.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
        } finally {
          latch.release();
          await first?.close();
          await second?.close();
        }
      });
    });

    it('REC-01 (time mode) a recovered work runs once its backoff from the old enqueue time has passed', async () => {
      const latch = createLatch<void>();
      let secondRuns = 0;
      await withStore(factory, async (store) => {
        const w = OneTimeWorkRequest.from('Worker');
        const first = await createTestWorkManager({
          workers: { Worker: () => latch.promise.then(() => Result.success()) },
          store,
        });
        let second: TestWorkManager | null = null;
        try {
          await first.wm.enqueue(w);
          await first.settle();
          second = await createTestWorkManager({
            workers: { Worker: observedWorker(() => secondRuns++) },
            store,
            mode: 'time',
            now: 10_000,
            config: { recoverOnOpen: 'all' },
          });
          expect((await second.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(30_000);
          await second.clock.advanceTo(29_999);
          expect(secondRuns).toBe(0);
          await second.clock.advanceTo(30_000);
          expect(secondRuns).toBe(1);
        } finally {
          latch.release();
          await first.close();
          await second?.close();
        }
      });
    });
  });
}
