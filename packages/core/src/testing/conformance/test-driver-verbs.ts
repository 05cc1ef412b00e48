import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import { StopReason } from '../../model/stop-reason.js';
import { OneTimeWorkRequest, PeriodicWorkRequest } from '../../model/work-request.js';
import { randomWorkId } from '../../ports/random-id.js';
import { createLatch, heldWorker, observedWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

const DAY = 86_400_000;

/** Section K of scenarios.md: androidx's TestDriver contract (spec §16.2). */
export function describeTestDriver(factory: ConformanceStoreFactory): void {
  describe('TestDriver (scenarios K, spec §16.2)', () => {
    it('TD-01 an unconstrained TestWorker is finished (SUCCEEDED) once enqueue has settled', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueue(w);
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('TD-03 a work needing CONNECTED network waits until setAllConstraintsMet', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', {
          constraints: { requiredNetworkType: 'CONNECTED' },
        });
        await t.wm.enqueue(w);
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('ENQUEUED');
        await t.driver.setAllConstraintsMet(w.id);
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('TD-05 a periodic work without initial delay runs once on enqueue', async () => {
      let count = 0;
      await withKit(
        factory,
        { workers: { CountingTestWorker: observedWorker(() => count++) } },
        async (t) => {
          await t.wm.enqueue(
            PeriodicWorkRequest.from('CountingTestWorker', { repeatInterval: { days: 10 } }),
          );
          await t.settle();
          expect(count).toBe(1);
        },
      );
    });

    it('TD-07 a periodic work with initial delay: 0 runs, setInitialDelayMet → 1, setPeriodDelayMet → 2', async () => {
      let count = 0;
      await withKit(
        factory,
        { workers: { CountingTestWorker: observedWorker(() => count++) } },
        async (t) => {
          const w = PeriodicWorkRequest.from('CountingTestWorker', {
            repeatInterval: { days: 10 },
            initialDelay: { days: 10 },
          });
          await t.wm.enqueue(w);
          await t.settle();
          expect(count).toBe(0);
          await t.driver.setInitialDelayMet(w.id);
          expect(count).toBe(1);
          await t.driver.setPeriodDelayMet(w.id);
          expect(count).toBe(2);
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('ENQUEUED');
        },
      );
    });

    it('TD-09 a periodic work with an override does not run on enqueue', async () => {
      let count = 0;
      await withKit(
        factory,
        { workers: { CountingTestWorker: observedWorker(() => count++) } },
        async (t) => {
          const w = PeriodicWorkRequest.from('CountingTestWorker', {
            repeatInterval: { days: 1 },
            nextScheduleTimeOverride: 10 * DAY,
          });
          await t.wm.enqueue(w);
          await t.settle();
          expect(count).toBe(0);
          await t.driver.setInitialDelayMet(w.id);
          expect(count).toBe(0);
        },
      );
    });

    it('TD-11 a periodic work with an override runs once setPeriodDelayMet', async () => {
      let count = 0;
      await withKit(
        factory,
        { workers: { CountingTestWorker: observedWorker(() => count++) } },
        async (t) => {
          const w = PeriodicWorkRequest.from('CountingTestWorker', {
            repeatInterval: { days: 1 },
            nextScheduleTimeOverride: 10 * DAY,
          });
          await t.wm.enqueue(w);
          await t.driver.setPeriodDelayMet(w.id);
          expect(count).toBe(1);
        },
      );
    });

    it('TD-13 after a work SUCCEEDED, setAllConstraintsMet and setInitialDelayMet do not throw', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueue(w);
        await t.settle();
        await expect(t.driver.setAllConstraintsMet(w.id)).resolves.toBeUndefined();
        await expect(t.driver.setInitialDelayMet(w.id)).resolves.toBeUndefined();
        expect((await t.wm.getWorkInfoById(w.id))?.runAttemptCount).toBe(1);
      });
    });

    it('TD-15 a RetryWorker: attempt 1 on enqueue, attempt 2 after setAllConstraintsMet, ENQUEUED each time', async () => {
      await withKit(factory, { workers: { RetryWorker: () => Result.retry() } }, async (t) => {
        const w = OneTimeWorkRequest.from('RetryWorker');
        await t.wm.enqueue(w);
        await t.settle();
        let info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('ENQUEUED');
        expect(info?.runAttemptCount).toBe(1);
        await t.driver.setAllConstraintsMet(w.id);
        info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('ENQUEUED');
        expect(info?.runAttemptCount).toBe(2);
      });
    });

    it('TD-17 setAllConstraintsMet starts a charging-constrained worker; stopRunningWorkWithReason(6) re-enqueues it', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(factory, { workers: { LongWorker: heldWorker(latch, seen) } }, async (t) => {
        const w = OneTimeWorkRequest.from('LongWorker', {
          constraints: { requiresCharging: true },
        });
        await t.wm.enqueue(w);
        await t.driver.setAllConstraintsMet(w.id);
        let info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('RUNNING');
        expect(info?.runAttemptCount).toBe(1);
        await t.driver.stopRunningWorkWithReason(w.id, StopReason.CONSTRAINT_CHARGING);
        info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('ENQUEUED');
        expect(info?.stopReason).toBe(6);
      });
    });

    it('TD-19 RetryWorker (one-time and periodic 1 d) is ENQUEUED with runAttemptCount 1 (time mode)', async () => {
      await withKit(
        factory,
        { workers: { RetryWorker: () => Result.retry() }, mode: 'time' },
        async (t) => {
          const once = OneTimeWorkRequest.from('RetryWorker');
          const periodic = PeriodicWorkRequest.from('RetryWorker', { repeatInterval: { days: 1 } });
          await t.wm.enqueue([once, periodic]);
          await t.settle();
          for (const w of [once, periodic]) {
            const info = await t.wm.getWorkInfoById(w.id);
            expect(info?.state).toBe('ENQUEUED');
            expect(info?.runAttemptCount).toBe(1);
          }
        },
      );
    });

    it('TD-21 time mode: a work delayed 2 h is ENQUEUED, then SUCCEEDED after 7 200 000 ms', async () => {
      await withKit(
        factory,
        { workers: { TestWorker: () => Result.success() }, mode: 'time' },
        async (t) => {
          const w = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 2 } });
          await t.wm.enqueue(w);
          await t.settle();
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('ENQUEUED');
          await t.clock.advance(7_200_000);
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
        },
      );
    });

    it('§16.2 a one-time work with an initial delay runs only after setInitialDelayMet', async () => {
      let count = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => count++) } },
        async (t) => {
          const w = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 1 } });
          await t.wm.enqueue(w);
          await t.settle();
          await t.driver.setAllConstraintsMet(w.id);
          expect(count).toBe(0);
          await t.driver.setInitialDelayMet(w.id);
          expect(count).toBe(1);
        },
      );
    });

    it('§16.2 starting consumes the flags: a constrained work that retried needs setAllConstraintsMet again', async () => {
      const attempts: number[] = [];
      const workers = {
        RetryWorker: observedWorker((ctx) => attempts.push(ctx.runAttemptCount), Result.retry),
      };
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('RetryWorker', {
          constraints: { requiresCharging: true },
        });
        await t.wm.enqueue(w);
        await t.driver.setAllConstraintsMet(w.id);
        expect(attempts).toEqual([0]);
        await t.wm.enqueue(
          OneTimeWorkRequest.from('RetryWorker', { constraints: { requiresCharging: true } }),
        );
        await t.settle();
        expect(attempts).toEqual([0]);
        await t.driver.setAllConstraintsMet(w.id);
        expect(attempts).toEqual([0, 1]);
      });
    });

    it('§16.2 driver verbs on an unknown id reject; setPeriodDelayMet rejects for one-time work', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const unknown = randomWorkId();
        await expect(t.driver.setAllConstraintsMet(unknown)).rejects.toMatchObject({
          code: 'WORK_NOT_FOUND',
        });
        await expect(t.driver.setInitialDelayMet(unknown)).rejects.toMatchObject({
          code: 'WORK_NOT_FOUND',
        });
        await expect(t.driver.setPeriodDelayMet(unknown)).rejects.toMatchObject({
          code: 'WORK_NOT_FOUND',
        });
        const w = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 1 } });
        await t.wm.enqueue(w);
        await expect(t.driver.setPeriodDelayMet(w.id)).rejects.toMatchObject({
          code: 'INVALID_REQUEST',
        });
      });
    });

    it('§16.1 in time mode the Met verbs reject with ILLEGAL_STATE', async () => {
      await withKit(
        factory,
        { workers: { TestWorker: () => Result.success() }, mode: 'time' },
        async (t) => {
          const w = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 1 } });
          await t.wm.enqueue(w);
          await expect(t.driver.setAllConstraintsMet(w.id)).rejects.toMatchObject({
            code: 'ILLEGAL_STATE',
          });
          await expect(t.driver.setInitialDelayMet(w.id)).rejects.toMatchObject({
            code: 'ILLEGAL_STATE',
          });
          await expect(t.driver.setPeriodDelayMet(w.id)).rejects.toMatchObject({
            code: 'ILLEGAL_STATE',
          });
        },
      );
    });
  });
}
