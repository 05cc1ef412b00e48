import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import { OneTimeWorkRequest, PeriodicWorkRequest } from '../../model/work-request.js';
import { createLatch, heldWorker, observedWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

const charging = { constraints: { requiresCharging: true } } as const;
const MIN = 60_000;
const HOUR = 3_600_000;

/** Section F of scenarios.md and spec §8 (updateWork), with §7.1's override on update. */
export function describeUpdateWork(factory: ConformanceStoreFactory): void {
  const workers = { TestWorker: () => Result.success() };

  describe('updateWork (scenarios F, spec §8)', () => {
    it('UPD-01 removing an unmet constraint applies immediately and the work then SUCCEEDS', async () => {
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueue(w);
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('ENQUEUED');
        const result = await t.wm.updateWork(OneTimeWorkRequest.from('TestWorker', { id: w.id }));
        expect(result).toBe('APPLIED_IMMEDIATELY');
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('UPD-03 updating a SUCCEEDED work is NOT_APPLIED and changes nothing', async () => {
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueue(w);
        await t.settle();
        const result = await t.wm.updateWork(
          OneTimeWorkRequest.from('TestWorker', { id: w.id, tags: ['x'] }),
        );
        expect(result).toBe('NOT_APPLIED');
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.generation).toBe(0);
        expect(info?.tags.has('x')).toBe(false);
      });
    });

    it('UPD-05 an update replaces the tags entirely', async () => {
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', {
          initialDelay: { days: 10 },
          tags: ['previous'],
        });
        await t.wm.enqueue(w);
        const result = await t.wm.updateWork(
          OneTimeWorkRequest.from('TestWorker', {
            id: w.id,
            initialDelay: { days: 10 },
            tags: ['test'],
          }),
        );
        expect(result).toBe('APPLIED_IMMEDIATELY');
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.tags.has('test')).toBe(true);
        expect(info?.tags.has('previous')).toBe(false);
        expect((await t.wm.getWorkInfosByTag('previous')).length).toBe(0);
      });
    });

    it('UPD-07 an update can change the worker: the new worker is started', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      let oldRuns = 0;
      const all = {
        TestWorker: observedWorker(() => oldRuns++),
        CompletableWorker: heldWorker(latch, seen),
      };
      await withKit(factory, { workers: all }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueue(w);
        const result = await t.wm.updateWork(
          OneTimeWorkRequest.from('CompletableWorker', { id: w.id }),
        );
        expect(result).toBe('APPLIED_IMMEDIATELY');
        await t.settle();
        expect(seen.map((c) => c.workerName)).toEqual(['CompletableWorker']);
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('RUNNING');
        latch.release(Result.success());
        await t.settle();
        expect(oldRuns).toBe(0);
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('UPD-09 updating a BLOCKED leaf of a chain applies immediately and keeps it BLOCKED', async () => {
      await withKit(factory, { workers }, async (t) => {
        const step1 = OneTimeWorkRequest.from('TestWorker', charging);
        const step2 = OneTimeWorkRequest.from('TestWorker');
        await t.wm.beginWith(step1).then(step2).enqueue();
        const result = await t.wm.updateWork(
          OneTimeWorkRequest.from('TestWorker', { id: step2.id, tags: ['updated'] }),
        );
        expect(result).toBe('APPLIED_IMMEDIATELY');
        await t.settle();
        const info = await t.wm.getWorkInfoById(step2.id);
        expect(info?.state).toBe('BLOCKED');
        expect(info?.tags.has('updated')).toBe(true);
        await t.driver.setAllConstraintsMet(step1.id);
        expect((await t.wm.getWorkInfoById(step2.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('UPD-11 a chain built by two APPENDs: leaf update keeps it BLOCKED, root update lets the chain run', async () => {
      await withKit(factory, { workers }, async (t) => {
        const step1 = OneTimeWorkRequest.from('TestWorker', charging);
        const step2 = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('name', 'APPEND', step1);
        await t.wm.enqueueUniqueWork('name', 'APPEND', step2);
        expect(
          await t.wm.updateWork(
            OneTimeWorkRequest.from('TestWorker', { id: step2.id, tags: ['updated'] }),
          ),
        ).toBe('APPLIED_IMMEDIATELY');
        await t.settle();
        expect((await t.wm.getWorkInfoById(step2.id))?.state).toBe('BLOCKED');
        expect(await t.wm.updateWork(OneTimeWorkRequest.from('TestWorker', { id: step1.id }))).toBe(
          'APPLIED_IMMEDIATELY',
        );
        await t.settle();
        expect((await t.wm.getWorkInfoById(step1.id))?.state).toBe('SUCCEEDED');
        const leaf = await t.wm.getWorkInfoById(step2.id);
        expect(leaf?.state).toBe('SUCCEEDED');
        expect(leaf?.tags.has('updated')).toBe(true);
        expect((await t.wm.getWorkInfosForUniqueWork('name')).length).toBe(2);
      });
    });

    it('UPD-13 updating a RUNNING periodic work applies for the next run; the run keeps its old tags', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(
        factory,
        { workers: { CompletableWorker: heldWorker(latch, seen) } },
        async (t) => {
          const w = PeriodicWorkRequest.from('CompletableWorker', {
            repeatInterval: { days: 1 },
            tags: ['original'],
          });
          await t.wm.enqueue(w);
          await t.settle();
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('RUNNING');
          const result = await t.wm.updateWork(
            PeriodicWorkRequest.from('CompletableWorker', {
              id: w.id,
              repeatInterval: { days: 1 },
              tags: ['updated'],
            }),
          );
          expect(result).toBe('APPLIED_FOR_NEXT_RUN');
          await t.settle();
          expect(seen).toHaveLength(1);
          expect(seen[0]?.signal.aborted).toBe(false);
          expect(seen[0]?.tags.has('original')).toBe(true);
          latch.release(Result.success());
          await t.settle();
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.tags.has('updated')).toBe(true);
          expect(info?.tags.has('original')).toBe(false);
        },
      );
    });

    it('UPD-15 updating a retrying one-time work keeps its attempt count: the new worker sees 1', async () => {
      const attempts: number[] = [];
      const all = {
        RetryWorker: observedWorker((ctx) => attempts.push(ctx.runAttemptCount), Result.retry),
        TestWorker: observedWorker((ctx) => attempts.push(ctx.runAttemptCount)),
      };
      const backoff = { policy: 'LINEAR', delay: { days: 10 } } as const;
      await withKit(factory, { workers: all, mode: 'time' }, async (t) => {
        const w = OneTimeWorkRequest.from('RetryWorker', { backoff });
        await t.wm.enqueue(w);
        await t.settle();
        expect(attempts).toEqual([0]);
        // The 10 d backoff delay is clamped to MAX_BACKOFF_MILLIS (5 h, spec §4.1).
        expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(5 * HOUR);
        const result = await t.wm.updateWork(
          OneTimeWorkRequest.from('TestWorker', { id: w.id, backoff }),
        );
        expect(result).toBe('APPLIED_IMMEDIATELY');
        await t.clock.advance(5 * HOUR - 1);
        expect(attempts).toEqual([0]);
        await t.clock.advance(1);
        expect(attempts).toEqual([0, 1]);
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('SUCCEEDED');
        expect(info?.runAttemptCount).toBe(2);
      });
    });

    it('UPD-17 an update increments the generation the worker and WorkInfo see', async () => {
      const generations: number[] = [];
      const all = {
        TestWorker: observedWorker((ctx) => generations.push(ctx.generation)),
      };
      await withKit(factory, { workers: all }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', { initialDelay: { days: 10 } });
        await t.wm.enqueue(w);
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.generation).toBe(0);
        expect(await t.wm.updateWork(OneTimeWorkRequest.from('TestWorker', { id: w.id }))).toBe(
          'APPLIED_IMMEDIATELY',
        );
        await t.settle();
        expect(generations).toEqual([1]);
        expect((await t.wm.getWorkInfoById(w.id))?.generation).toBe(1);
      });
    });

    it('UPD-19 successive overrides on update: the second (12 h) gives nextScheduleTimeMillis 43 200 000', async () => {
      await withKit(factory, { workers, mode: 'time' }, async (t) => {
        const base = { repeatInterval: { days: 1 }, initialDelay: { days: 2 } } as const;
        const w = PeriodicWorkRequest.from('TestWorker', base);
        await t.wm.enqueue(w);
        await t.wm.updateWork(
          PeriodicWorkRequest.from('TestWorker', {
            ...base,
            id: w.id,
            nextScheduleTimeOverride: 10 * HOUR,
          }),
        );
        expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(36_000_000);
        await t.wm.updateWork(
          PeriodicWorkRequest.from('TestWorker', {
            ...base,
            id: w.id,
            nextScheduleTimeOverride: 12 * HOUR,
          }),
        );
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.nextScheduleTimeMillis).toBe(43_200_000);
        expect(info?.generation).toBe(2);
        // An update that neither sets nor clears the override keeps it.
        await t.wm.updateWork(PeriodicWorkRequest.from('TestWorker', { ...base, id: w.id }));
        expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(43_200_000);
      });
    });

    it('UPD-21 clearing the override on update falls back to enqueue time + initial delay (190 800 000)', async () => {
      await withKit(factory, { workers, mode: 'time', now: 5 * HOUR }, async (t) => {
        const w = PeriodicWorkRequest.from('TestWorker', {
          repeatInterval: { days: 1 },
          initialDelay: { days: 2 },
          nextScheduleTimeOverride: 10 * HOUR,
        });
        await t.wm.enqueue(w);
        expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(10 * HOUR);
        await t.wm.updateWork(
          PeriodicWorkRequest.from('TestWorker', {
            id: w.id,
            repeatInterval: { days: 1 },
            initialDelay: { days: 2 },
            nextScheduleTimeOverride: null,
          }),
        );
        expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(190_800_000);
      });
    });

    it('§8.6 the next run time is recomputed from the kept enqueue time: delay 10 → 20 min after 5 min is due in 15 min', async () => {
      let runs = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => runs++) }, mode: 'time' },
        async (t) => {
          const w = OneTimeWorkRequest.from('TestWorker', { initialDelay: { minutes: 10 } });
          await t.wm.enqueue(w);
          await t.clock.advance({ minutes: 5 });
          await t.wm.updateWork(
            OneTimeWorkRequest.from('TestWorker', { id: w.id, initialDelay: { minutes: 20 } }),
          );
          expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(20 * MIN);
          await t.clock.advance(15 * MIN - 1);
          expect(runs).toBe(0);
          await t.clock.advance(1);
          expect(runs).toBe(1);
        },
      );
    });

    it('§8.1 updating an unknown id rejects with WORK_NOT_FOUND', async () => {
      await withKit(factory, { workers }, async (t) => {
        await expect(t.wm.updateWork(OneTimeWorkRequest.from('TestWorker'))).rejects.toMatchObject({
          code: 'WORK_NOT_FOUND',
        });
      });
    });

    it('§8.3 updating one-time work with a periodic request (or back) rejects with UNSUPPORTED_OPERATION', async () => {
      await withKit(factory, { workers }, async (t) => {
        const once = OneTimeWorkRequest.from('TestWorker', charging);
        const periodic = PeriodicWorkRequest.from('TestWorker', {
          repeatInterval: { hours: 1 },
          ...charging,
        });
        await t.wm.enqueue([once, periodic]);
        await expect(
          t.wm.updateWork(
            PeriodicWorkRequest.from('TestWorker', { id: once.id, repeatInterval: { hours: 1 } }),
          ),
        ).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
        await expect(
          t.wm.updateWork(OneTimeWorkRequest.from('TestWorker', { id: periodic.id })),
        ).rejects.toMatchObject({
          code: 'UNSUPPORTED_OPERATION',
        });
        expect((await t.wm.getWorkInfoById(once.id))?.generation).toBe(0);
      });
    });

    it('§8.2 updating a CANCELLED or FAILED work is NOT_APPLIED', async () => {
      const all = { ...workers, FailureWorker: () => Result.failure() };
      await withKit(factory, { workers: all }, async (t) => {
        const c = OneTimeWorkRequest.from('TestWorker', charging);
        const f = OneTimeWorkRequest.from('FailureWorker');
        await t.wm.enqueue([c, f]);
        await t.settle();
        await t.wm.cancelWorkById(c.id);
        expect(await t.wm.updateWork(OneTimeWorkRequest.from('TestWorker', { id: c.id }))).toBe(
          'NOT_APPLIED',
        );
        expect(await t.wm.updateWork(OneTimeWorkRequest.from('TestWorker', { id: f.id }))).toBe(
          'NOT_APPLIED',
        );
      });
    });
  });
}
