import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import { OneTimeWorkRequest, PeriodicWorkRequest } from '../../model/work-request.js';
import { createLatch, heldWorker, observedWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

const charging = { constraints: { requiresCharging: true } } as const;
const MIN = 60_000;
const HOUR = 3_600_000;

/** Section E of scenarios.md and every row of spec §5's policy tables. */
export function describeUniqueWork(factory: ConformanceStoreFactory): void {
  const workers = {
    TestWorker: () => Result.success(),
    FailureWorker: () => Result.failure(),
  };

  describe('unique work (scenarios E, spec §5)', () => {
    it('UQ-01 beginUniqueWork(REPLACE, W).then(N) puts the name on W and on N', async () => {
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', charging);
        const n = OneTimeWorkRequest.from('TestWorker');
        await t.wm.beginUniqueWork('myname', 'REPLACE', w).then(n).enqueue();
        const ids = (await t.wm.getWorkInfosForUniqueWork('myname')).map((i) => i.id).sort();
        expect(ids).toEqual([w.id, n.id].sort());
      });
    });

    it('UQ-03 periodic REPLACE deletes the old periodic work; the name holds only the new one', async () => {
      await withKit(factory, { workers }, async (t) => {
        const o = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { minutes: 15 } });
        const r = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { minutes: 30 } });
        await t.wm.enqueueUniquePeriodicWork('myname', 'REPLACE', o);
        await t.wm.enqueueUniquePeriodicWork('myname', 'REPLACE', r);
        await t.settle();
        expect((await t.wm.getWorkInfosForUniqueWork('myname')).map((i) => i.id)).toEqual([r.id]);
        expect(await t.wm.getWorkInfoById(o.id)).toBeNull();
      });
    });

    it('UQ-05 periodic KEEP keeps the existing work and does not insert the replacement', async () => {
      await withKit(factory, { workers }, async (t) => {
        const o = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { minutes: 15 } });
        const r = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { minutes: 30 } });
        await t.wm.enqueueUniquePeriodicWork('myname', 'KEEP', o);
        await t.settle();
        await t.wm.enqueueUniquePeriodicWork('myname', 'KEEP', r);
        await t.settle();
        const infos = await t.wm.getWorkInfosForUniqueWork('myname');
        expect(infos.map((i) => i.id)).toEqual([o.id]);
        expect(infos[0]?.periodicityInfo?.repeatIntervalMillis).toBe(15 * MIN);
        expect(await t.wm.getWorkInfoById(r.id)).toBeNull();
      });
    });

    it('UQ-07 periodic KEEP over a finished (CANCELLED) periodic work replaces it', async () => {
      await withKit(factory, { workers }, async (t) => {
        const o = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { minutes: 15 } });
        const r = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { minutes: 30 } });
        await t.wm.enqueueUniquePeriodicWork('myname', 'KEEP', o);
        await t.wm.cancelWorkById(o.id);
        await t.wm.enqueueUniquePeriodicWork('myname', 'KEEP', r);
        await t.settle();
        expect(await t.wm.getWorkInfoById(o.id)).toBeNull();
        expect((await t.wm.getWorkInfosForUniqueWork('myname')).map((i) => i.id)).toEqual([r.id]);
      });
    });

    it('UQ-09 APPEND to an ENQUEUED work: A1 and A2 are BLOCKED and A1 depends on O', async () => {
      const order: string[] = [];
      const all = { TestWorker: observedWorker((ctx) => order.push(ctx.id)) };
      await withKit(factory, { workers: all }, async (t) => {
        const o = OneTimeWorkRequest.from('TestWorker', charging);
        const a1 = OneTimeWorkRequest.from('TestWorker');
        const a2 = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('myname', 'APPEND', o);
        await t.wm.beginUniqueWork('myname', 'APPEND', a1).then(a2).enqueue();
        await t.settle();
        const infos = await t.wm.getWorkInfosForUniqueWork('myname');
        expect(infos.map((i) => i.id).sort()).toEqual([o.id, a1.id, a2.id].sort());
        expect((await t.wm.getWorkInfoById(a1.id))?.state).toBe('BLOCKED');
        expect((await t.wm.getWorkInfoById(a2.id))?.state).toBe('BLOCKED');
        await t.driver.setAllConstraintsMet(o.id);
        expect(order).toEqual([o.id, a1.id, a2.id]);
      });
    });

    it('UQ-11 APPEND attaches to the leaves only (O3 and O4), not to inner works', async () => {
      await withKit(factory, { workers }, async (t) => {
        const o1 = OneTimeWorkRequest.from('TestWorker');
        const o2 = OneTimeWorkRequest.from('TestWorker');
        const o3 = OneTimeWorkRequest.from('TestWorker', charging);
        const o4 = OneTimeWorkRequest.from('TestWorker', charging);
        const a1 = OneTimeWorkRequest.from('TestWorker');
        const a2 = OneTimeWorkRequest.from('TestWorker');
        const c2 = t.wm.beginUniqueWork('myname', 'REPLACE', o1).then(o2);
        await c2.then(o3).enqueue();
        await c2.then(o4).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfosForUniqueWork('myname')).length).toBe(4);
        await t.wm.beginUniqueWork('myname', 'APPEND', a1).then(a2).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(o2.id))?.state).toBe('SUCCEEDED');
        expect((await t.wm.getWorkInfoById(a1.id))?.state).toBe('BLOCKED');
        await t.driver.setAllConstraintsMet(o3.id);
        expect((await t.wm.getWorkInfoById(a1.id))?.state).toBe('BLOCKED');
        await t.driver.setAllConstraintsMet(o4.id);
        expect((await t.wm.getWorkInfoById(a1.id))?.state).toBe('SUCCEEDED');
        expect((await t.wm.getWorkInfoById(a2.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('UQ-13 APPEND_OR_REPLACE over a FAILED work deletes it and starts a fresh chain', async () => {
      await withKit(factory, { workers }, async (t) => {
        const p = OneTimeWorkRequest.from('FailureWorker');
        const n = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueueUniqueWork('myname', 'APPEND_OR_REPLACE', p);
        await t.settle();
        expect((await t.wm.getWorkInfoById(p.id))?.state).toBe('FAILED');
        await t.wm.enqueueUniqueWork('myname', 'APPEND_OR_REPLACE', n);
        await t.settle();
        expect(await t.wm.getWorkInfoById(p.id)).toBeNull();
        expect((await t.wm.getWorkInfoById(n.id))?.state).toBe('ENQUEUED');
        expect((await t.wm.getWorkInfosForUniqueWork('myname')).map((i) => i.id)).toEqual([n.id]);
      });
    });

    it('UQ-15 APPEND_OR_REPLACE over an ENQUEUED work appends: N is BLOCKED on P', async () => {
      await withKit(factory, { workers }, async (t) => {
        const p = OneTimeWorkRequest.from('TestWorker', charging);
        const n = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('myname', 'APPEND_OR_REPLACE', p);
        await t.wm.enqueueUniqueWork('myname', 'APPEND_OR_REPLACE', n);
        await t.settle();
        expect((await t.wm.getWorkInfoById(n.id))?.state).toBe('BLOCKED');
        await t.driver.setAllConstraintsMet(p.id);
        expect((await t.wm.getWorkInfoById(n.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('UQ-17 periodic UPDATE updates the existing work in place: its id, its enqueue time, the new interval', async () => {
      await withKit(factory, { workers, mode: 'time', now: 1_000 }, async (t) => {
        const o = PeriodicWorkRequest.from('TestWorker', {
          repeatInterval: { minutes: 15 },
          initialDelay: { hours: 1 },
        });
        const r = PeriodicWorkRequest.from('TestWorker', {
          repeatInterval: { minutes: 30 },
          initialDelay: { hours: 1 },
        });
        await t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', o);
        await t.clock.advance({ minutes: 10 });
        await t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', r);
        await t.settle();
        const infos = await t.wm.getWorkInfosForUniqueWork('myname');
        expect(infos.map((i) => i.id)).toEqual([o.id]);
        expect(await t.wm.getWorkInfoById(r.id)).toBeNull();
        expect(infos[0]?.periodicityInfo?.repeatIntervalMillis).toBe(1_800_000);
        expect(infos[0]?.generation).toBe(1);
        expect(infos[0]?.nextScheduleTimeMillis).toBe(1_000 + HOUR);
      });
    });

    it('UQ-19 periodic UPDATE with nothing under the name enqueues the request with its own id', async () => {
      await withKit(factory, { workers }, async (t) => {
        const r = PeriodicWorkRequest.from('TestWorker', {
          repeatInterval: { minutes: 30 },
          initialDelay: { hours: 1 },
        });
        await t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', r);
        await t.settle();
        expect((await t.wm.getWorkInfoById(r.id))?.state).toBe('ENQUEUED');
        expect((await t.wm.getWorkInfosForUniqueWork('myname')).map((i) => i.id)).toEqual([r.id]);
      });
    });

    it('§5.1 REPLACE stops a RUNNING member with CANCELLED_BY_APP, deletes it and runs the new work', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      const all = { ...workers, LatchWorker: heldWorker(latch, seen) };
      await withKit(factory, { workers: all }, async (t) => {
        const o = OneTimeWorkRequest.from('LatchWorker');
        const n = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('myname', 'REPLACE', o);
        await t.settle();
        expect((await t.wm.getWorkInfoById(o.id))?.state).toBe('RUNNING');
        await t.wm.enqueueUniqueWork('myname', 'REPLACE', n);
        await t.settle();
        expect(seen[0]?.signal.aborted).toBe(true);
        expect(seen[0]?.stopReason).toBe(1);
        expect(await t.wm.getWorkInfoById(o.id)).toBeNull();
        expect((await t.wm.getWorkInfoById(n.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('§5.1 REPLACE cancels the dependents of the replaced works too', async () => {
      await withKit(factory, { workers }, async (t) => {
        const o = OneTimeWorkRequest.from('TestWorker', charging);
        const unnamedChild = OneTimeWorkRequest.from('TestWorker');
        await t.wm.beginUniqueWork('myname', 'REPLACE', o).enqueue();
        await t.wm.beginWith(o).then(unnamedChild).enqueue();
        await t.wm.enqueueUniqueWork(
          'myname',
          'REPLACE',
          OneTimeWorkRequest.from('TestWorker', charging),
        );
        expect(await t.wm.getWorkInfoById(o.id)).toBeNull();
        // Only the named works are deleted; their dependents stay, CANCELLED.
        expect((await t.wm.getWorkInfoById(unnamedChild.id))?.state).toBe('CANCELLED');
      });
    });

    it('§5.1 KEEP with a RUNNING member inserts nothing and still resolves', async () => {
      const latch = createLatch();
      const all = { ...workers, LatchWorker: heldWorker(latch, []) };
      await withKit(factory, { workers: all }, async (t) => {
        const o = OneTimeWorkRequest.from('LatchWorker');
        const n = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('myname', 'KEEP', o);
        await t.settle();
        await expect(t.wm.enqueueUniqueWork('myname', 'KEEP', n)).resolves.toBeUndefined();
        expect(await t.wm.getWorkInfoById(n.id)).toBeNull();
        latch.release(Result.success());
        await t.settle();
        expect((await t.wm.getWorkInfoById(o.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('§5.1 KEEP with an active member skips the whole continuation, its then() levels too', async () => {
      const latch = createLatch();
      const all = { ...workers, LatchWorker: heldWorker(latch, []) };
      await withKit(factory, { workers: all }, async (t) => {
        await t.wm.enqueueUniqueWork('myname', 'KEEP', OneTimeWorkRequest.from('LatchWorker'));
        await t.settle();
        const a = OneTimeWorkRequest.from('TestWorker');
        const b = OneTimeWorkRequest.from('TestWorker');
        await t.wm.beginUniqueWork('myname', 'KEEP', a).then(b).enqueue();
        await t.settle();
        expect(await t.wm.getWorkInfoById(a.id)).toBeNull();
        expect(await t.wm.getWorkInfoById(b.id)).toBeNull();
        expect((await t.wm.getWorkInfosForUniqueWork('myname')).length).toBe(1);
      });
    });

    it('§5.1 KEEP with only finished members (SUCCEEDED, FAILED) replaces them', async () => {
      await withKit(factory, { workers }, async (t) => {
        const s = OneTimeWorkRequest.from('TestWorker');
        const f = OneTimeWorkRequest.from('FailureWorker');
        const n = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueueUniqueWork('myname', 'KEEP', [s, f]);
        await t.settle();
        await t.wm.enqueueUniqueWork('myname', 'KEEP', n);
        expect(await t.wm.getWorkInfoById(s.id)).toBeNull();
        expect(await t.wm.getWorkInfoById(f.id)).toBeNull();
        expect((await t.wm.getWorkInfosForUniqueWork('myname')).map((i) => i.id)).toEqual([n.id]);
      });
    });

    it('§5.1 APPEND after SUCCEEDED leaves enqueues, after a FAILED leaf fails, after a CANCELLED leaf cancels', async () => {
      await withKit(factory, { workers }, async (t) => {
        const s = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('ok', 'APPEND', s);
        await t.settle();
        const afterOk = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueueUniqueWork('ok', 'APPEND', afterOk);
        expect((await t.wm.getWorkInfoById(afterOk.id))?.state).toBe('ENQUEUED');

        const f = OneTimeWorkRequest.from('FailureWorker');
        const c = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueueUniqueWork('mixed', 'APPEND', [f, c]);
        await t.settle();
        await t.wm.cancelWorkById(c.id);
        const afterMixed = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('mixed', 'APPEND', afterMixed);
        expect((await t.wm.getWorkInfoById(afterMixed.id))?.state).toBe('FAILED');

        const c2 = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueueUniqueWork('cancelled', 'APPEND', c2);
        await t.wm.cancelUniqueWork('cancelled');
        const afterCancelled = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('cancelled', 'APPEND', afterCancelled);
        expect((await t.wm.getWorkInfoById(afterCancelled.id))?.state).toBe('CANCELLED');
      });
    });

    it('§5.1 APPEND_OR_REPLACE over a CANCELLED leaf deletes the chain and starts fresh', async () => {
      await withKit(factory, { workers }, async (t) => {
        const c = OneTimeWorkRequest.from('TestWorker', charging);
        const n = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('myname', 'APPEND_OR_REPLACE', c);
        await t.wm.cancelWorkById(c.id);
        await t.wm.enqueueUniqueWork('myname', 'APPEND_OR_REPLACE', n);
        await t.settle();
        expect(await t.wm.getWorkInfoById(c.id)).toBeNull();
        expect((await t.wm.getWorkInfoById(n.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('§5.1 APPEND_OR_REPLACE deletes a RUNNING member without stopping it; its late result is ignored', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      const all = { ...workers, LatchWorker: heldWorker(latch, seen) };
      await withKit(factory, { workers: all }, async (t) => {
        const running = OneTimeWorkRequest.from('LatchWorker');
        const failed = OneTimeWorkRequest.from('FailureWorker');
        const n = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueueUniqueWork('myname', 'APPEND_OR_REPLACE', [running, failed]);
        await t.settle();
        expect((await t.wm.getWorkInfoById(running.id))?.state).toBe('RUNNING');
        expect((await t.wm.getWorkInfoById(failed.id))?.state).toBe('FAILED');
        await t.wm.enqueueUniqueWork('myname', 'APPEND_OR_REPLACE', n);
        await t.settle();
        expect(await t.wm.getWorkInfoById(running.id)).toBeNull();
        expect(seen[0]?.signal.aborted).toBe(false);
        latch.release(Result.success({ late: true }));
        await t.settle();
        expect(await t.wm.getWorkInfoById(running.id)).toBeNull();
        expect((await t.wm.getWorkInfoById(n.id))?.state).toBe('SUCCEEDED');
        expect((await t.wm.getWorkInfosForUniqueWork('myname')).map((i) => i.id)).toEqual([n.id]);
      });
    });

    it('§5.2 periodic CANCEL_AND_REENQUEUE cancels and deletes the old work, enqueues the new one', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      const all = { ...workers, LatchWorker: heldWorker(latch, seen) };
      await withKit(factory, { workers: all }, async (t) => {
        const o = PeriodicWorkRequest.from('LatchWorker', { repeatInterval: { hours: 1 } });
        const r = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { hours: 2 } });
        await t.wm.enqueueUniquePeriodicWork('myname', 'CANCEL_AND_REENQUEUE', o);
        await t.settle();
        expect((await t.wm.getWorkInfoById(o.id))?.state).toBe('RUNNING');
        await t.wm.enqueueUniquePeriodicWork('myname', 'CANCEL_AND_REENQUEUE', r);
        await t.settle();
        expect(seen[0]?.stopReason).toBe(1);
        expect(await t.wm.getWorkInfoById(o.id)).toBeNull();
        const infos = await t.wm.getWorkInfosForUniqueWork('myname');
        expect(infos.map((i) => i.id)).toEqual([r.id]);
        expect(infos[0]?.state).toBe('ENQUEUED');
      });
    });

    it('§5.2 periodic UPDATE of a one-time work under the name rejects with UNSUPPORTED_OPERATION', async () => {
      await withKit(factory, { workers }, async (t) => {
        const o = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueueUniqueWork('myname', 'KEEP', o);
        const r = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { hours: 1 } });
        await expect(t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', r)).rejects.toMatchObject({
          code: 'UNSUPPORTED_OPERATION',
        });
        expect(await t.wm.getWorkInfoById(r.id)).toBeNull();
        expect((await t.wm.getWorkInfoById(o.id))?.generation).toBe(0);
      });
    });

    it('§5.2 periodic UPDATE of a chain (several works under the name) rejects with UNSUPPORTED_OPERATION', async () => {
      await withKit(factory, { workers }, async (t) => {
        await t.wm.enqueueUniqueWork('myname', 'KEEP', [
          OneTimeWorkRequest.from('TestWorker', charging),
          OneTimeWorkRequest.from('TestWorker', charging),
        ]);
        const r = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { hours: 1 } });
        await expect(t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', r)).rejects.toMatchObject({
          code: 'UNSUPPORTED_OPERATION',
        });
        expect(await t.wm.getWorkInfoById(r.id)).toBeNull();
      });
    });

    it('§5.2 periodic UPDATE over a CANCELLED periodic work deletes it and enqueues the new request', async () => {
      await withKit(factory, { workers }, async (t) => {
        const o = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { hours: 1 } });
        const r = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { hours: 2 } });
        await t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', o);
        await t.wm.cancelUniqueWork('myname');
        await t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', r);
        await t.settle();
        expect(await t.wm.getWorkInfoById(o.id)).toBeNull();
        const infos = await t.wm.getWorkInfosForUniqueWork('myname');
        expect(infos.map((i) => i.id)).toEqual([r.id]);
        expect(infos[0]?.generation).toBe(0);
      });
    });

    it('§5.2 periodic UPDATE of a RUNNING periodic work applies for the next run without stopping it', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(factory, { workers: { LatchWorker: heldWorker(latch, seen) } }, async (t) => {
        const o = PeriodicWorkRequest.from('LatchWorker', { repeatInterval: { hours: 1 } });
        const r = PeriodicWorkRequest.from('LatchWorker', { repeatInterval: { hours: 3 } });
        await t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', o);
        await t.settle();
        await t.wm.enqueueUniquePeriodicWork('myname', 'UPDATE', r);
        await t.settle();
        expect(seen).toHaveLength(1);
        expect(seen[0]?.signal.aborted).toBe(false);
        const info = await t.wm.getWorkInfoById(o.id);
        expect(info?.state).toBe('RUNNING');
        expect(info?.generation).toBe(1);
        expect(info?.periodicityInfo?.repeatIntervalMillis).toBe(3 * HOUR);
        latch.release(Result.success());
        await t.settle();
        const after = await t.wm.getWorkInfoById(o.id);
        expect(after?.state).toBe('ENQUEUED');
        // The next period follows the updated interval, from the completion time (0).
        expect(after?.nextScheduleTimeMillis).toBe(3 * HOUR);
      });
    });
  });
}
