import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import { OneTimeWorkRequest, PeriodicWorkRequest } from '../../model/work-request.js';
import { createLatch, heldWorker, observedWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

const MIN = 60_000;
const HOUR = 3_600_000;

/** Section G of scenarios.md: periodic execution (spec §7), its override (§7.1) and backoff (§4.2). */
export function describePeriodicWork(factory: ConformanceStoreFactory): void {
  describe('periodic work and backoff (scenarios G, spec §7, §4.2)', () => {
    it('PER-01 a periodic success returns to ENQUEUED with runAttemptCount 0, next run one interval later', async () => {
      await withKit(
        factory,
        { workers: { TestWorker: () => Result.success({ dropped: 1 }) }, mode: 'time' },
        async (t) => {
          const w = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { minutes: 15 } });
          await t.wm.enqueue(w);
          await t.settle();
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.runAttemptCount).toBe(0);
          expect(info?.outputData.isEmpty()).toBe(true);
          expect(info?.nextScheduleTimeMillis).toBe(15 * MIN);
          expect(info?.periodicityInfo).toEqual({
            repeatIntervalMillis: 15 * MIN,
            flexIntervalMillis: 15 * MIN,
          });
        },
      );
    });

    it('PER-03 a periodic retry returns to ENQUEUED with runAttemptCount 1, due after the backoff', async () => {
      await withKit(
        factory,
        { workers: { RetryWorker: () => Result.retry() }, mode: 'time' },
        async (t) => {
          const w = PeriodicWorkRequest.from('RetryWorker', { repeatInterval: { minutes: 15 } });
          await t.wm.enqueue(w);
          await t.settle();
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.runAttemptCount).toBe(1);
          expect(info?.nextScheduleTimeMillis).toBe(30_000);
        },
      );
    });

    it('§7 a periodic retry is backed off, and the next success resets the attempts and starts the next period', async () => {
      let calls = 0;
      const workers = {
        Flaky: observedWorker(
          () => calls++,
          () => (calls === 1 ? Result.retry() : Result.success()),
        ),
      };
      await withKit(factory, { workers, mode: 'time' }, async (t) => {
        const w = PeriodicWorkRequest.from('Flaky', { repeatInterval: { hours: 1 } });
        await t.wm.enqueue(w);
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(30_000);
        await t.clock.advance(30_000);
        expect(calls).toBe(2);
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.runAttemptCount).toBe(0);
        expect(info?.nextScheduleTimeMillis).toBe(30_000 + HOUR);
      });
    });

    it('PER-05 a periodic work does not run again before its interval has passed', async () => {
      let runs = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => runs++) }, mode: 'time' },
        async (t) => {
          await t.wm.enqueue(
            PeriodicWorkRequest.from('TestWorker', { repeatInterval: { minutes: 15 } }),
          );
          await t.settle();
          expect(runs).toBe(1);
          await t.clock.advance(15 * MIN - 1);
          expect(runs).toBe(1);
          await t.clock.advance(1);
          expect(runs).toBe(2);
        },
      );
    });

    it('PER-07 an override delays the first run past the interval; after it runs the interval applies again', async () => {
      let runs = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => runs++) }, mode: 'time', now: 4 * HOUR },
        async (t) => {
          const w = PeriodicWorkRequest.from('TestWorker', {
            repeatInterval: { hours: 1 },
            nextScheduleTimeOverride: 50_400_000,
          });
          await t.wm.enqueue(w);
          await t.clock.advanceTo(18_000_001);
          expect(runs).toBe(0);
          expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(50_400_000);
          await t.clock.advanceTo(50_400_000);
          expect(runs).toBe(1);
          expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(54_000_000);
        },
      );
    });

    it('PER-09 an override set while the worker runs applies to the next run', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(
        factory,
        { workers: { LatchWorker: heldWorker(latch, seen) }, mode: 'time', now: 4 * HOUR },
        async (t) => {
          const base = { repeatInterval: { hours: 100 }, initialDelay: { hours: 10 } } as const;
          const w = PeriodicWorkRequest.from('LatchWorker', base);
          await t.wm.enqueue(w);
          await t.clock.advanceTo(14 * HOUR);
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('RUNNING');
          const result = await t.wm.updateWork(
            PeriodicWorkRequest.from('LatchWorker', {
              ...base,
              id: w.id,
              nextScheduleTimeOverride: 122_400_000,
            }),
          );
          expect(result).toBe('APPLIED_FOR_NEXT_RUN');
          latch.release(Result.success());
          await t.settle();
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.runAttemptCount).toBe(0);
          expect(info?.nextScheduleTimeMillis).toBe(122_400_000);
        },
      );
    });

    it('PER-11 an override cleared while the worker runs: the next run is completion + interval', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(
        factory,
        { workers: { LatchWorker: heldWorker(latch, seen) }, mode: 'time', now: 4 * HOUR },
        async (t) => {
          const w = PeriodicWorkRequest.from('LatchWorker', {
            repeatInterval: { hours: 100 },
            nextScheduleTimeOverride: 14 * HOUR,
          });
          await t.wm.enqueue(w);
          await t.clock.advanceTo(14 * HOUR);
          expect(seen).toHaveLength(1);
          await t.wm.updateWork(
            PeriodicWorkRequest.from('LatchWorker', {
              id: w.id,
              repeatInterval: { hours: 100 },
              nextScheduleTimeOverride: null,
            }),
          );
          latch.release(Result.success());
          await t.settle();
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.runAttemptCount).toBe(0);
          expect(info?.generation).toBe(1);
          expect(info?.nextScheduleTimeMillis).toBe(410_400_000);
        },
      );
    });

    it('PER-13 a periodic LatchWorker that completes returns to ENQUEUED for its next period', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(
        factory,
        { workers: { LatchWorker: heldWorker(latch, seen) }, mode: 'time' },
        async (t) => {
          const w = PeriodicWorkRequest.from('LatchWorker', { repeatInterval: { days: 1 } });
          await t.wm.enqueue(w);
          await t.settle();
          await t.clock.advance({ hours: 1 });
          latch.release(Result.success());
          await t.settle();
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.nextScheduleTimeMillis).toBe(HOUR + 86_400_000);
        },
      );
    });

    it('§7 flex: the first run waits until interval − flex; later runs follow the interval from completion', async () => {
      let runs = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => runs++) }, mode: 'time' },
        async (t) => {
          const w = PeriodicWorkRequest.from('TestWorker', {
            repeatInterval: { hours: 1 },
            flexInterval: { minutes: 15 },
          });
          await t.wm.enqueue(w);
          await t.settle();
          expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(45 * MIN);
          await t.clock.advance(45 * MIN - 1);
          expect(runs).toBe(0);
          await t.clock.advance(1);
          expect(runs).toBe(1);
          expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(45 * MIN + HOUR);
          await t.clock.advance(HOUR);
          expect(runs).toBe(2);
        },
      );
    });

    it('§7 a periodic failure or throw consumes the period: ENQUEUED, no output, runAttemptCount 0', async () => {
      const workers = {
        FailureWorker: () => Result.failure({ lost: true }),
        ExceptionWorker: () => {
          throw new Error('periodic boom');
        },
      };
      await withKit(factory, { workers, mode: 'time' }, async (t) => {
        const f = PeriodicWorkRequest.from('FailureWorker', { repeatInterval: { hours: 1 } });
        const e = PeriodicWorkRequest.from('ExceptionWorker', { repeatInterval: { hours: 1 } });
        await t.wm.enqueue([f, e]);
        await t.settle();
        for (const w of [f, e]) {
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.runAttemptCount).toBe(0);
          expect(info?.outputData.isEmpty()).toBe(true);
          expect(info?.nextScheduleTimeMillis).toBe(HOUR);
        }
      });
    });

    it('§7 periodic work is never a chain member: a chain with periodic work is rejected', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const p = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { hours: 1 } });
        expect(() => t.wm.beginWith(p)).toThrow(
          expect.objectContaining({ code: 'INVALID_CONTINUATION' }),
        );
        expect(() => t.wm.beginWith(OneTimeWorkRequest.from('TestWorker')).then(p)).toThrow(
          expect.objectContaining({ code: 'INVALID_CONTINUATION' }),
        );
      });
    });

    it('§4.2 exponential backoff from 30 s: retries at 30 s, 90 s, 210 s (gaps 30, 60, 120 s)', async () => {
      const times: number[] = [];
      await withKit(
        factory,
        { workers: { RetryWorker: () => Result.retry() }, mode: 'time' },
        async (t) => {
          const w = OneTimeWorkRequest.from('RetryWorker');
          const sub = t.wm.observeWorkInfoById(w.id).subscribe((i) => {
            if (i?.state === 'RUNNING') times.push(t.clock.now());
          });
          await t.wm.enqueue(w);
          await t.clock.advance(210_000);
          sub.unsubscribe();
          expect(times).toEqual([0, 30_000, 90_000, 210_000]);
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.runAttemptCount).toBe(4);
          expect(info?.nextScheduleTimeMillis).toBe(210_000 + 240_000);
        },
      );
    });

    it('§4.2 linear backoff of 20 s: retries at 20 s, 60 s, 120 s (gaps 20, 40, 60 s)', async () => {
      const attempts: number[] = [];
      const workers = {
        RetryWorker: observedWorker((ctx) => attempts.push(ctx.runAttemptCount), Result.retry),
      };
      await withKit(factory, { workers, mode: 'time' }, async (t) => {
        const w = OneTimeWorkRequest.from('RetryWorker', {
          backoff: { policy: 'LINEAR', delay: { seconds: 20 } },
        });
        await t.wm.enqueue(w);
        await t.settle();
        const nexts: number[] = [];
        for (let i = 0; i < 3; i++) {
          const next = (await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis ?? Number.NaN;
          nexts.push(next);
          await t.clock.advanceTo(next);
        }
        expect(nexts).toEqual([20_000, 60_000, 120_000]);
        expect(attempts).toEqual([0, 1, 2, 3]);
      });
    });

    it('§4.1 a backoff delay below 10 s is raised to 10 s', async () => {
      await withKit(
        factory,
        { workers: { RetryWorker: () => Result.retry() }, mode: 'time' },
        async (t) => {
          const w = OneTimeWorkRequest.from('RetryWorker', {
            backoff: { policy: 'LINEAR', delay: 1_000 },
          });
          await t.wm.enqueue(w);
          await t.settle();
          expect((await t.wm.getWorkInfoById(w.id))?.nextScheduleTimeMillis).toBe(10_000);
        },
      );
    });
  });
}
