import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import { StopReason } from '../../model/stop-reason.js';
import { OneTimeWorkRequest } from '../../model/work-request.js';
import { createLatch, heldWorker, observedWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

/** Time-mode scheduling: due times, device constraints (spec §12) and bounded concurrency. */
export function describeTimeMode(factory: ConformanceStoreFactory): void {
  describe('time mode: constraints and concurrency (spec §12)', () => {
    it('§12 a constrained work waits until the device conditions meet its constraints', async () => {
      let runs = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => runs++) }, mode: 'time' },
        async (t) => {
          t.conditions?.set({ charging: false, networkTypes: [] });
          const charging = OneTimeWorkRequest.from('TestWorker', {
            constraints: { requiresCharging: true },
          });
          const network = OneTimeWorkRequest.from('TestWorker', {
            constraints: { requiredNetworkType: 'UNMETERED' },
          });
          await t.wm.enqueue([charging, network]);
          await t.clock.advance({ hours: 1 });
          expect(runs).toBe(0);
          t.conditions?.set({ charging: true });
          await t.settle();
          expect((await t.wm.getWorkInfoById(charging.id))?.state).toBe('SUCCEEDED');
          expect((await t.wm.getWorkInfoById(network.id))?.state).toBe('ENQUEUED');
          t.conditions?.set({ networkTypes: ['CONNECTED'] });
          await t.settle();
          expect((await t.wm.getWorkInfoById(network.id))?.state).toBe('ENQUEUED');
          t.conditions?.set({ networkTypes: ['CONNECTED', 'UNMETERED'] });
          await t.settle();
          expect((await t.wm.getWorkInfoById(network.id))?.state).toBe('SUCCEEDED');
        },
      );
    });

    it('§12 a running work whose constraint is lost is stopped with that constraint reason and runs again later', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(
        factory,
        { workers: { LatchWorker: heldWorker(latch, seen) }, mode: 'time' },
        async (t) => {
          const w = OneTimeWorkRequest.from('LatchWorker', {
            constraints: { requiresBatteryNotLow: true, requiresStorageNotLow: true },
          });
          await t.wm.enqueue(w);
          await t.settle();
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('RUNNING');
          t.conditions?.set({ storageNotLow: false });
          await t.settle();
          expect(seen[0]?.stopReason).toBe(StopReason.CONSTRAINT_STORAGE_NOT_LOW);
          let info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.stopReason).toBe(9);
          // Interrupted work is backed off from its old enqueue time (0): due at 30 s.
          expect(info?.nextScheduleTimeMillis).toBe(30_000);
          t.conditions?.set({ storageNotLow: true });
          await t.clock.advance(30_000);
          expect(seen).toHaveLength(2);
          expect(seen[1]?.runAttemptCount).toBe(1);
          t.conditions?.set({ batteryNotLow: false });
          await t.settle();
          expect(seen[1]?.stopReason).toBe(StopReason.CONSTRAINT_BATTERY_NOT_LOW);
          info = await t.wm.getWorkInfoById(w.id);
          expect(info?.stopReason).toBe(5);
          expect(info?.runAttemptCount).toBe(2);
        },
      );
    });

    it('§12 maxConcurrency bounds how many workers run at once', async () => {
      const latches = [createLatch(), createLatch(), createLatch(), createLatch(), createLatch()];
      let live = 0;
      let peak = 0;
      const workers = {
        Slot: async (ctx: WorkerContext) => {
          live++;
          peak = Math.max(peak, live);
          const result = await latches[Number(ctx.inputData.get('i'))]!.promise;
          live--;
          return result;
        },
      };
      await withKit(
        factory,
        { workers, mode: 'time', config: { maxConcurrency: 2 } },
        async (t) => {
          const requests = latches.map((_, i) => OneTimeWorkRequest.from('Slot', { input: { i } }));
          await t.wm.enqueue(requests);
          await t.settle();
          expect((await t.wm.getWorkInfos({ states: ['RUNNING'] })).length).toBe(2);
          expect((await t.wm.getWorkInfos({ states: ['ENQUEUED'] })).length).toBe(3);
          for (const latch of latches) {
            latch.release(Result.success());
            await t.settle();
          }
          expect(peak).toBe(2);
          expect((await t.wm.getWorkInfos({ states: ['SUCCEEDED'] })).length).toBe(5);
        },
      );
    });

    it('§12 maxConcurrency also bounds driver mode', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(
        factory,
        { workers: { Slot: heldWorker(latch, seen) }, config: { maxConcurrency: 1 } },
        async (t) => {
          const a = OneTimeWorkRequest.from('Slot');
          const b = OneTimeWorkRequest.from('Slot');
          await t.wm.enqueue([a, b]);
          await t.settle();
          expect(seen).toHaveLength(1);
          latch.release(Result.success());
          await t.settle();
          expect(seen).toHaveLength(2);
          expect((await t.wm.getWorkInfos({ states: ['SUCCEEDED'] })).length).toBe(2);
        },
      );
    });

    it('§12 works due at the same time all run when the clock reaches it; none early', async () => {
      const order: number[] = [];
      const workers = {
        TestWorker: observedWorker((ctx) => order.push(Number(ctx.inputData.get('i')))),
      };
      await withKit(factory, { workers, mode: 'time' }, async (t) => {
        await t.wm.enqueue([
          OneTimeWorkRequest.from('TestWorker', { input: { i: 2 }, initialDelay: { minutes: 20 } }),
          OneTimeWorkRequest.from('TestWorker', { input: { i: 1 }, initialDelay: { minutes: 10 } }),
        ]);
        await t.clock.advance({ minutes: 10 });
        expect(order).toEqual([1]);
        await t.clock.advance({ minutes: 10 });
        expect(order).toEqual([1, 2]);
      });
    });
  });
}
