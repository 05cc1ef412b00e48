import { describe, expect, it } from 'vitest';
import { WorkContinuation } from '../../engine/work-continuation.js';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import { StopReason } from '../../model/stop-reason.js';
import { OneTimeWorkRequest } from '../../model/work-request.js';
import { createTestWorkManager } from '../create-test-work-manager.js';
import { createLatch, heldWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit, withStore } from './with-kit.js';

const charging = { constraints: { requiresCharging: true } } as const;

/** Section H of scenarios.md: interruptions and stop reasons (spec §3.2), cancellation (§9). */
export function describeCancellationAndStopReasons(factory: ConformanceStoreFactory): void {
  const workers = { TestWorker: () => Result.success() };

  describe('interruption and stop reasons (scenarios H, spec §3.2)', () => {
    it('STP-01 interrupting a running worker with reason 6 stops it and returns the work to ENQUEUED', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(factory, { workers: { LatchWorker: heldWorker(latch, seen) } }, async (t) => {
        const w = OneTimeWorkRequest.from('LatchWorker');
        await t.wm.enqueue(w);
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.stopReason).toBe(StopReason.NOT_STOPPED);
        await t.driver.stopRunningWorkWithReason(w.id, StopReason.CONSTRAINT_CHARGING);
        expect(seen[0]?.signal.aborted).toBe(true);
        expect(seen[0]?.stopReason).toBe(6);
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('ENQUEUED');
        expect(info?.stopReason).toBe(6);
      });
    });

    it('STP-03 an interrupted run is rescheduled even if its worker then returns a result', async () => {
      const latch = createLatch();
      await withKit(factory, { workers: { Stubborn: () => latch.promise } }, async (t) => {
        const w = OneTimeWorkRequest.from('Stubborn');
        await t.wm.enqueue(w);
        await t.settle();
        const stopped = t.driver.stopRunningWorkWithReason(w.id, StopReason.PREEMPT);
        latch.release(Result.success({ ignored: true }));
        await stopped;
        await t.settle();
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('ENQUEUED');
        expect(info?.stopReason).toBe(StopReason.PREEMPT);
        expect(info?.outputData.isEmpty()).toBe(true);
      });
    });

    it('STP-07 losing charging stops a charging-constrained run with stop reason 6', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(
        factory,
        { workers: { LatchWorker: heldWorker(latch, seen) }, mode: 'time' },
        async (t) => {
          const w = OneTimeWorkRequest.from('LatchWorker', charging);
          await t.wm.enqueue(w);
          await t.settle();
          const running = await t.wm.getWorkInfoById(w.id);
          expect(running?.state).toBe('RUNNING');
          expect(running?.stopReason).toBe(-256);
          t.conditions?.set({ charging: false });
          await t.settle();
          expect(seen[0]?.stopReason).toBe(6);
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.stopReason).toBe(6);
          expect(info?.runAttemptCount).toBe(1);
        },
      );
    });

    it('STP-09 cancelling a running work stops it with CANCELLED_BY_APP (1)', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(factory, { workers: { LatchWorker: heldWorker(latch, seen) } }, async (t) => {
        const w = OneTimeWorkRequest.from('LatchWorker');
        await t.wm.enqueue(w);
        await t.settle();
        await t.wm.cancelWorkById(w.id);
        await t.settle();
        expect(seen[0]?.stopReason).toBe(StopReason.CANCELLED_BY_APP);
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('CANCELLED');
        expect(info?.stopReason).toBe(1);
      });
    });

    it('STP-11 a work stopped while RUNNING is ENQUEUED again with its attempt count kept', async () => {
      const seen: WorkerContext[] = [];
      const latch = createLatch();
      await withKit(
        factory,
        { workers: { StopAwareWorker: heldWorker(latch, seen) } },
        async (t) => {
          const w = OneTimeWorkRequest.from('StopAwareWorker');
          await t.wm.enqueue(w);
          await t.settle();
          await t.driver.stopRunningWorkWithReason(w.id, StopReason.PREEMPT);
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.runAttemptCount).toBe(1);
          latch.release(Result.success());
          await t.driver.setAllConstraintsMet(w.id);
          expect(seen.map((c) => c.runAttemptCount)).toEqual([0, 1]);
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
        },
      );
    });

    it('§3.2 a CANCELLED work that was not running keeps stop reason NOT_STOPPED', async () => {
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueue(w);
        await t.wm.cancelWorkById(w.id);
        expect((await t.wm.getWorkInfoById(w.id))?.stopReason).toBe(StopReason.NOT_STOPPED);
      });
    });

    it('§16 close() aborts running workers with the close stop reason; the work is ENQUEUED for the next open', async () => {
      const seen: WorkerContext[] = [];
      const latch = createLatch();
      await withStore(factory, async (store) => {
        const first = await createTestWorkManager({
          workers: { LatchWorker: heldWorker(latch, seen) },
          store,
        });
        const w = OneTimeWorkRequest.from('LatchWorker');
        try {
          await first.wm.enqueue(w);
          await first.settle();
        } finally {
          await first.close();
        }
        expect(seen[0]?.signal.aborted).toBe(true);
        expect(seen[0]?.stopReason).toBe(StopReason.SYSTEM_PROCESSING);
        await expect(first.wm.getWorkInfoById(w.id)).rejects.toMatchObject({
          code: 'ILLEGAL_STATE',
        });
        const second = await createTestWorkManager({
          workers: { LatchWorker: heldWorker(latch, seen) },
          store,
        });
        try {
          const info = await second.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.stopReason).toBe(StopReason.SYSTEM_PROCESSING);
          expect(info?.runAttemptCount).toBe(1);
        } finally {
          await second.close();
        }
      });
    });
  });

  describe('cancellation (scenarios H, spec §9)', () => {
    it('CAN-01 cancelWorkById cancels that work only', async () => {
      await withKit(factory, { workers }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker', charging);
        const b = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueue([a, b]);
        await t.wm.cancelWorkById(a.id);
        expect((await t.wm.getWorkInfoById(a.id))?.state).toBe('CANCELLED');
        expect((await t.wm.getWorkInfoById(b.id))?.state).toBe('ENQUEUED');
      });
    });

    it('CAN-03 cancelling a SUCCEEDED work leaves it SUCCEEDED and cancels its unfinished dependent', async () => {
      await withKit(factory, { workers }, async (t) => {
        const work0 = OneTimeWorkRequest.from('TestWorker');
        const work1 = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.beginWith(work0).then(work1).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(work1.id))?.state).toBe('ENQUEUED');
        await t.wm.cancelWorkById(work0.id);
        expect((await t.wm.getWorkInfoById(work0.id))?.state).toBe('SUCCEEDED');
        expect((await t.wm.getWorkInfoById(work1.id))?.state).toBe('CANCELLED');
      });
    });

    it('CAN-03 (transitive) cancelling a SUCCEEDED root reaches through SUCCEEDED works to unfinished descendants', async () => {
      await withKit(factory, { workers }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker');
        const b = OneTimeWorkRequest.from('TestWorker');
        const c = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.beginWith(a).then(b).then(c).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(b.id))?.state).toBe('SUCCEEDED');
        await t.wm.cancelWorkById(a.id);
        expect((await t.wm.getWorkInfoById(a.id))?.state).toBe('SUCCEEDED');
        expect((await t.wm.getWorkInfoById(b.id))?.state).toBe('SUCCEEDED');
        expect((await t.wm.getWorkInfoById(c.id))?.state).toBe('CANCELLED');
      });
    });

    it('§9 a RUNNING dependent reached by a cancel ends CANCELLED with stop reason 1; its late result is ignored', async () => {
      const latch = createLatch();
      const all = { ...workers, Stubborn: () => latch.promise };
      await withKit(factory, { workers: all }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker');
        const b = OneTimeWorkRequest.from('Stubborn');
        await t.wm.beginWith(a).then(b).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(b.id))?.state).toBe('RUNNING');
        await t.wm.cancelWorkById(a.id);
        latch.release(Result.success({ late: true }));
        await t.settle();
        const info = await t.wm.getWorkInfoById(b.id);
        expect(info?.state).toBe('CANCELLED');
        expect(info?.stopReason).toBe(StopReason.CANCELLED_BY_APP);
        expect(info?.outputData.isEmpty()).toBe(true);
      });
    });

    it('CAN-05 cancelling by tag cancels the tagged works and all their dependents, nothing else', async () => {
      await withKit(factory, { workers }, async (t) => {
        const work0 = OneTimeWorkRequest.from('TestWorker', { ...charging, tags: ['tag'] });
        const work1 = OneTimeWorkRequest.from('TestWorker');
        const work2 = OneTimeWorkRequest.from('TestWorker');
        const work3 = OneTimeWorkRequest.from('TestWorker', charging);
        const work4 = OneTimeWorkRequest.from('TestWorker');
        const c0 = t.wm.beginWith(work0);
        await c0.then(work4).enqueue();
        // work2 depends on work1 and work3 (through the join of combine).
        await WorkContinuation.combine([c0.then(work1), t.wm.beginWith(work3)])
          .then(work2)
          .enqueue();
        await t.wm.cancelAllWorkByTag('tag');
        for (const w of [work0, work1, work2, work4]) {
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('CANCELLED');
        }
        expect((await t.wm.getWorkInfoById(work3.id))?.state).toBe('ENQUEUED');
      });
    });

    it('CAN-07 cancelAllWork cancels every unfinished work and records the time', async () => {
      await withKit(factory, { workers, mode: 'time', now: 5_000 }, async (t) => {
        expect(await t.wm.getLastCancelAllTimeMillis()).toBe(0);
        const work0 = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 1 } });
        const work1 = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 1 } });
        const work2 = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueue([work0, work1, work2]);
        await t.settle();
        await t.clock.advance(1_000);
        await t.wm.cancelAllWork();
        expect((await t.wm.getWorkInfoById(work0.id))?.state).toBe('CANCELLED');
        expect((await t.wm.getWorkInfoById(work1.id))?.state).toBe('CANCELLED');
        expect((await t.wm.getWorkInfoById(work2.id))?.state).toBe('SUCCEEDED');
        expect(await t.wm.getLastCancelAllTimeMillis()).toBe(6_000);
      });
    });

    it('CAN-09 a cancelled work stays queryable as CANCELLED with empty output', async () => {
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueue(w);
        await t.wm.cancelWorkById(w.id);
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('CANCELLED');
        expect(info?.outputData.isEmpty()).toBe(true);
        expect(info?.nextScheduleTimeMillis).toBe(Number.POSITIVE_INFINITY);
      });
    });

    it('§9 cancelUniqueWork cancels the named works and their dependents; unknown ids are a no-op', async () => {
      await withKit(factory, { workers }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker', charging);
        const b = OneTimeWorkRequest.from('TestWorker');
        const other = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.beginUniqueWork('named', 'KEEP', a).then(b).enqueue();
        await t.wm.enqueueUniqueWork('other', 'KEEP', other);
        await t.wm.cancelUniqueWork('named');
        expect((await t.wm.getWorkInfoById(a.id))?.state).toBe('CANCELLED');
        expect((await t.wm.getWorkInfoById(b.id))?.state).toBe('CANCELLED');
        expect((await t.wm.getWorkInfoById(other.id))?.state).toBe('ENQUEUED');
        await expect(t.wm.cancelWorkById('no-such-work')).resolves.toBeUndefined();
        await expect(t.wm.cancelUniqueWork('no-such-name')).resolves.toBeUndefined();
        await expect(t.wm.cancelAllWorkByTag('no-such-tag')).resolves.toBeUndefined();
      });
    });

    it('§9 cancelling by tag leaves the finished works with that tag as they are', async () => {
      await withKit(factory, { workers }, async (t) => {
        const done = OneTimeWorkRequest.from('TestWorker', { tags: ['t'] });
        const pending = OneTimeWorkRequest.from('TestWorker', { ...charging, tags: ['t'] });
        await t.wm.enqueue([done, pending]);
        await t.settle();
        await t.wm.cancelAllWorkByTag('t');
        expect((await t.wm.getWorkInfoById(done.id))?.state).toBe('SUCCEEDED');
        expect((await t.wm.getWorkInfoById(pending.id))?.state).toBe('CANCELLED');
      });
    });
  });
}
