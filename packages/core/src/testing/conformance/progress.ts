import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import { StopReason } from '../../model/stop-reason.js';
import { OneTimeWorkRequest } from '../../model/work-request.js';
import { createLatch, whenStopped } from './test-workers.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

/** Spec §10.1: progress while RUNNING, after a result, after an interruption, after deletion. */
export function describeProgress(factory: ConformanceStoreFactory): void {
  describe('progress (spec §10.1)', () => {
    /** Publishes { percent: 50 } and then waits for the latch or a stop. */
    const progressWorker = (latch: { promise: Promise<unknown> }) => async (ctx: WorkerContext) => {
      await ctx.setProgress({ percent: 50 });
      await Promise.race([latch.promise, whenStopped(ctx)]);
      return Result.success({ done: true });
    };

    it('§10.1 progress is visible while RUNNING and cleared when the run succeeds', async () => {
      const latch = createLatch<void>();
      await withKit(factory, { workers: { ProgressWorker: progressWorker(latch) } }, async (t) => {
        const w = OneTimeWorkRequest.from('ProgressWorker');
        const seen: unknown[] = [];
        const sub = t.wm
          .observeWorkInfoById(w.id)
          .subscribe((i) => seen.push(i ? [i.state, i.progress.get('percent') ?? null] : null));
        await t.wm.enqueue(w);
        await t.settle();
        const running = await t.wm.getWorkInfoById(w.id);
        expect(running?.state).toBe('RUNNING');
        expect(running?.progress.toObject()).toEqual({ percent: 50 });
        latch.release();
        await t.settle();
        sub.unsubscribe();
        const done = await t.wm.getWorkInfoById(w.id);
        expect(done?.state).toBe('SUCCEEDED');
        expect(done?.progress.isEmpty()).toBe(true);
        expect(done?.outputData.toObject()).toEqual({ done: true });
        expect(seen.at(-1)).toEqual(['SUCCEEDED', null]);
        expect(seen).toContainEqual(['RUNNING', 50]);
      });
    });

    it('§10.1 progress is kept after an interruption (ENQUEUED) and cleared by updateWork', async () => {
      const latch = createLatch<void>();
      await withKit(factory, { workers: { ProgressWorker: progressWorker(latch) } }, async (t) => {
        const w = OneTimeWorkRequest.from('ProgressWorker');
        await t.wm.enqueue(w);
        await t.settle();
        await t.driver.stopRunningWorkWithReason(w.id, StopReason.PREEMPT);
        const stopped = await t.wm.getWorkInfoById(w.id);
        expect(stopped?.state).toBe('ENQUEUED');
        expect(stopped?.progress.toObject()).toEqual({ percent: 50 });
        expect(
          await t.wm.updateWork(
            OneTimeWorkRequest.from('ProgressWorker', { id: w.id, tags: ['u'] }),
          ),
        ).toBe('APPLIED_IMMEDIATELY');
        expect((await t.wm.getWorkInfoById(w.id))?.progress.isEmpty()).toBe(true);
      });
    });

    it('§10.1 setProgress on a work that is no longer RUNNING is ignored', async () => {
      const latch = createLatch<void>();
      const outcomes: string[] = [];
      const workers = {
        Late: async (ctx: WorkerContext) => {
          await latch.promise;
          await ctx.setProgress({ late: true }).then(
            () => outcomes.push('resolved'),
            () => outcomes.push('rejected'),
          );
          return Result.success();
        },
      };
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('Late');
        await t.wm.enqueue(w);
        await t.settle();
        await t.wm.cancelWorkById(w.id);
        latch.release();
        await t.settle();
        expect(outcomes).toEqual(['resolved']);
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('CANCELLED');
        expect(info?.progress.isEmpty()).toBe(true);
      });
    });

    it('§10.1 setProgress after the work was deleted rejects with ILLEGAL_STATE', async () => {
      const latch = createLatch<void>();
      const errors: unknown[] = [];
      const workers = {
        Late: async (ctx: WorkerContext) => {
          await latch.promise;
          await ctx.setProgress({ late: true }).catch((e: unknown) => errors.push(e));
          return Result.success();
        },
        TestWorker: () => Result.success(),
      };
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('Late');
        await t.wm.enqueueUniqueWork('n', 'REPLACE', w);
        await t.settle();
        await t.wm.enqueueUniqueWork('n', 'REPLACE', OneTimeWorkRequest.from('TestWorker'));
        expect(await t.wm.getWorkInfoById(w.id)).toBeNull();
        latch.release();
        await t.settle();
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ code: 'ILLEGAL_STATE' });
      });
    });
  });
}
