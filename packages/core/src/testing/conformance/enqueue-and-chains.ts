import { describe, expect, it } from 'vitest';
import { WorkContinuation } from '../../engine/work-continuation.js';
import type { WorkerContext } from '../../engine/worker.js';
import { ERROR_OUTPUT_KEY } from '../../engine/worker-runner.js';
import { Data } from '../../model/data.js';
import { Result } from '../../model/result.js';
import { OneTimeWorkRequest } from '../../model/work-request.js';
import { createLatch, heldWorker, observedWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

const charging = { constraints: { requiresCharging: true } } as const;

/** Sections C and D of scenarios.md, spec §3.1, §3.2 and §6: single runs, chains, merging. */
export function describeEnqueueAndChains(factory: ConformanceStoreFactory): void {
  describe('single runs (scenarios C)', () => {
    it('WW-01 an ENQUEUED TestWorker ends SUCCEEDED', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueue(w);
        await t.settle();
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('SUCCEEDED');
        expect(info?.runAttemptCount).toBe(1);
        expect(info?.nextScheduleTimeMillis).toBe(Number.POSITIVE_INFINITY);
      });
    });

    it('WW-03 a FailureWorker ends FAILED with runAttemptCount 1 and its failure output', async () => {
      const workers = { FailureWorker: () => Result.failure({ why: 'bad' }) };
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('FailureWorker');
        await t.wm.enqueue(w);
        await t.settle();
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('FAILED');
        expect(info?.runAttemptCount).toBe(1);
        expect(info?.outputData.toObject()).toEqual({ why: 'bad' });
      });
    });

    it('WW-05 an input merger that cannot merge fails the work (ARRAY_CREATING type conflict)', async () => {
      const workers = {
        Producer: () => Result.success({ k: 1 }),
        Consumer: () => Result.success(),
      };
      await withKit(factory, { workers }, async (t) => {
        const p = OneTimeWorkRequest.from('Producer');
        const c = OneTimeWorkRequest.from('Consumer', {
          input: { k: 'text' },
          inputMerger: 'ARRAY_CREATING',
        });
        await t.wm.beginWith(p).then(c).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(p.id))?.state).toBe('SUCCEEDED');
        const info = await t.wm.getWorkInfoById(c.id);
        expect(info?.state).toBe('FAILED');
        expect(typeof info?.outputData.get(ERROR_OUTPUT_KEY)).toBe('string');
      });
    });

    it('WW-07 a CANCELLED work never runs, even when its constraints are met later', async () => {
      let runs = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => runs++) } },
        async (t) => {
          const w = OneTimeWorkRequest.from('TestWorker', charging);
          await t.wm.enqueue(w);
          await t.settle();
          await t.wm.cancelWorkById(w.id);
          await t.driver.setAllConstraintsMet(w.id);
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('CANCELLED');
          expect(runs).toBe(0);
        },
      );
    });

    it('WW-09 a worker that returns no Result (null) ends FAILED', async () => {
      await withKit(factory, { workers: { NullWorker: () => null as never } }, async (t) => {
        const w = OneTimeWorkRequest.from('NullWorker');
        await t.wm.enqueue(w);
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('FAILED');
      });
    });

    it('WW-13 a blocked worker is RUNNING until it completes, then SUCCEEDED', async () => {
      const latch = createLatch();
      const seen: WorkerContext[] = [];
      await withKit(factory, { workers: { LatchWorker: heldWorker(latch, seen) } }, async (t) => {
        const w = OneTimeWorkRequest.from('LatchWorker');
        await t.wm.enqueue(w);
        await t.settle();
        const running = await t.wm.getWorkInfoById(w.id);
        expect(running?.state).toBe('RUNNING');
        expect(running?.runAttemptCount).toBe(1);
        // §4.3: only ENQUEUED work has a next schedule time.
        expect(running?.nextScheduleTimeMillis).toBe(Number.POSITIVE_INFINITY);
        expect(seen).toHaveLength(1);
        latch.release(Result.success());
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('WW-15 a backed-off one-time work does not run before its backoff has passed', async () => {
      const attempts: number[] = [];
      const workers = {
        RetryWorker: observedWorker((ctx) => attempts.push(ctx.runAttemptCount), Result.retry),
      };
      await withKit(factory, { workers, mode: 'time' }, async (t) => {
        const w = OneTimeWorkRequest.from('RetryWorker');
        await t.wm.enqueue(w);
        await t.settle();
        expect(attempts).toEqual([0]);
        await t.clock.advance(29_999);
        expect(attempts).toEqual([0]);
        expect((await t.wm.getWorkInfoById(w.id))?.runAttemptCount).toBe(1);
        await t.clock.advance(1);
        expect(attempts).toEqual([0, 1]);
      });
    });

    it('§3.2 a result that arrives after the work was cancelled is ignored', async () => {
      const latch = createLatch();
      let aborted = false;
      const workers = {
        Stubborn: async (ctx: WorkerContext) => {
          ctx.signal.addEventListener('abort', () => (aborted = true));
          return latch.promise;
        },
      };
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('Stubborn');
        await t.wm.enqueue(w);
        await t.settle();
        await t.wm.cancelWorkById(w.id);
        expect(aborted).toBe(true);
        latch.release(Result.success({ late: true }));
        await t.settle();
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.state).toBe('CANCELLED');
        expect(info?.outputData.isEmpty()).toBe(true);
      });
    });

    it('§14 expedited work runs as normal work (no quota in process)', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', { expedited: 'DROP_WORK_REQUEST' });
        await t.wm.enqueue(w);
        await t.settle();
        expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('§17 an unknown worker and a throwing worker end FAILED with a message under wm.error', async () => {
      const workers = {
        Thrower: () => {
          throw new Error('kaboom');
        },
      };
      await withKit(factory, { workers }, async (t) => {
        const unknown = OneTimeWorkRequest.from('NobodyRegisteredMe');
        const thrower = OneTimeWorkRequest.from('Thrower');
        await t.wm.enqueue([unknown, thrower]);
        await t.settle();
        const u = await t.wm.getWorkInfoById(unknown.id);
        expect(u?.state).toBe('FAILED');
        expect(String(u?.outputData.get(ERROR_OUTPUT_KEY))).toContain('NobodyRegisteredMe');
        const th = await t.wm.getWorkInfoById(thrower.id);
        expect(th?.state).toBe('FAILED');
        expect(String(th?.outputData.get(ERROR_OUTPUT_KEY))).toContain('kaboom');
      });
    });
  });

  describe('chains and dependencies (scenarios D, spec §3.1, §6)', () => {
    it('CH-01 A.then(B).then(C) stores all three; B and C wait BLOCKED for their prerequisites', async () => {
      const order: string[] = [];
      const worker = observedWorker((ctx) => order.push(String(ctx.inputData.get('n'))));
      await withKit(factory, { workers: { TestWorker: worker } }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker', { ...charging, input: { n: 'A' } });
        const b = OneTimeWorkRequest.from('TestWorker', { input: { n: 'B' } });
        const c = OneTimeWorkRequest.from('TestWorker', { input: { n: 'C' } });
        await t.wm.beginWith(a).then(b).then(c).enqueue();
        await t.settle();
        const states = await Promise.all([a, b, c].map((r) => t.wm.getWorkInfoById(r.id)));
        expect(states.map((i) => i?.state)).toEqual(['ENQUEUED', 'BLOCKED', 'BLOCKED']);
        expect(states[1]?.nextScheduleTimeMillis).toBe(Number.POSITIVE_INFINITY);
        await t.driver.setAllConstraintsMet(a.id);
        expect(order).toEqual(['A', 'B', 'C']);
        for (const r of [a, b, c])
          expect((await t.wm.getWorkInfoById(r.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('CH-03 chaining off an enqueued, SUCCEEDED continuation enqueues the new work (not BLOCKED) and does not re-insert the parent', async () => {
      const runs: string[] = [];
      const worker = observedWorker((ctx) => runs.push(ctx.id));
      await withKit(factory, { workers: { TestWorker: worker } }, async (t) => {
        const work1 = OneTimeWorkRequest.from('TestWorker');
        const work2 = OneTimeWorkRequest.from('TestWorker', charging);
        const first = t.wm.beginWith(work1);
        await first.enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(work1.id))?.state).toBe('SUCCEEDED');
        await first.then(work2).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(work2.id))?.state).toBe('ENQUEUED');
        expect(runs).toEqual([work1.id]);
      });
    });

    it('CH-05 chaining off a CANCELLED work inserts the new work CANCELLED', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const work1 = OneTimeWorkRequest.from('TestWorker', charging);
        const work2 = OneTimeWorkRequest.from('TestWorker');
        const first = t.wm.beginWith(work1);
        await first.enqueue();
        await t.wm.cancelWorkById(work1.id);
        await first.then(work2).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(work2.id))?.state).toBe('CANCELLED');
      });
    });

    it('§3.1 a new work after a FAILED prerequisite is FAILED; FAILED beats CANCELLED', async () => {
      const workers = { FailureWorker: () => Result.failure(), TestWorker: () => Result.success() };
      await withKit(factory, { workers }, async (t) => {
        const failed = OneTimeWorkRequest.from('FailureWorker');
        const held = OneTimeWorkRequest.from('TestWorker', charging);
        const parents = t.wm.beginWith([failed, held]);
        await parents.enqueue();
        await t.settle();
        await t.wm.cancelWorkById(held.id);
        expect((await t.wm.getWorkInfoById(failed.id))?.state).toBe('FAILED');
        expect((await t.wm.getWorkInfoById(held.id))?.state).toBe('CANCELLED');
        const afterBoth = OneTimeWorkRequest.from('TestWorker');
        await parents.then(afterBoth).enqueue();
        const afterFailed = OneTimeWorkRequest.from('TestWorker');
        await t.wm.beginWith(failed).then(afterFailed).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(afterBoth.id))?.state).toBe('FAILED');
        expect((await t.wm.getWorkInfoById(afterFailed.id))?.state).toBe('FAILED');
        expect((await t.wm.getWorkInfoById(failed.id))?.runAttemptCount).toBe(1);
      });
    });

    it('§3.1 a level whose prerequisite no longer exists is not inserted, and enqueue still resolves', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker');
        const b = OneTimeWorkRequest.from('TestWorker');
        const first = t.wm.beginWith(a);
        await first.enqueue();
        await t.settle();
        await t.wm.pruneWork();
        expect(await t.wm.getWorkInfoById(a.id)).toBeNull();
        await expect(first.then(b).enqueue()).resolves.toBeUndefined();
        await t.settle();
        expect(await t.wm.getWorkInfoById(b.id)).toBeNull();
      });
    });

    it('CH-07 a dependent receives its prerequisite output as input (one entry, equal to it)', async () => {
      const inputs: Data[] = [];
      const workers = {
        ChainedArgumentWorker: () => Result.success({ arg: 'from-parent', n: 7 }),
        Echo: observedWorker((ctx) => inputs.push(ctx.inputData)),
      };
      await withKit(factory, { workers }, async (t) => {
        const p = OneTimeWorkRequest.from('ChainedArgumentWorker');
        const d = OneTimeWorkRequest.from('Echo');
        await t.wm.beginWith(p).then(d).enqueue();
        await t.settle();
        expect(inputs).toHaveLength(1);
        expect(inputs[0]?.equals(Data.from({ arg: 'from-parent', n: 7 }))).toBe(true);
      });
    });

    it('CH-09 an unblocked dependent is enqueued at the time its prerequisite succeeds', async () => {
      await withKit(
        factory,
        { workers: { TestWorker: () => Result.success() }, mode: 'time' },
        async (t) => {
          const p = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 2 } });
          const d = OneTimeWorkRequest.from('TestWorker', { initialDelay: { hours: 1 } });
          await t.wm.beginWith(p).then(d).enqueue();
          await t.settle();
          expect((await t.wm.getWorkInfoById(p.id))?.nextScheduleTimeMillis).toBe(7_200_000);
          await t.clock.advance({ hours: 2 });
          const info = await t.wm.getWorkInfoById(d.id);
          expect(info?.state).toBe('ENQUEUED');
          expect(info?.nextScheduleTimeMillis).toBe(7_200_000 + 3_600_000);
          await t.clock.advance({ hours: 1 });
          expect((await t.wm.getWorkInfoById(d.id))?.state).toBe('SUCCEEDED');
        },
      );
    });

    it('CH-11 a failing prerequisite fails its BLOCKED dependents but leaves CANCELLED ones CANCELLED', async () => {
      const workers = { FailureWorker: () => Result.failure(), TestWorker: () => Result.success() };
      await withKit(factory, { workers }, async (t) => {
        const p = OneTimeWorkRequest.from('FailureWorker', charging);
        const d = OneTimeWorkRequest.from('TestWorker');
        const x = OneTimeWorkRequest.from('TestWorker');
        const root = t.wm.beginWith(p);
        await root.then(d).enqueue();
        await root.then(x).enqueue();
        await t.wm.cancelWorkById(x.id);
        await t.driver.setAllConstraintsMet(p.id);
        expect((await t.wm.getWorkInfoById(p.id))?.state).toBe('FAILED');
        const dInfo = await t.wm.getWorkInfoById(d.id);
        expect(dInfo?.state).toBe('FAILED');
        expect(dInfo?.outputData.isEmpty()).toBe(true);
        expect(dInfo?.runAttemptCount).toBe(0);
        expect((await t.wm.getWorkInfoById(x.id))?.state).toBe('CANCELLED');
      });
    });

    it('CH-11 (transitive) a failure fails every descendant of a long chain', async () => {
      const workers = { FailureWorker: () => Result.failure(), TestWorker: () => Result.success() };
      await withKit(factory, { workers }, async (t) => {
        const p = OneTimeWorkRequest.from('FailureWorker');
        const chain = Array.from({ length: 50 }, () => OneTimeWorkRequest.from('TestWorker'));
        let c = t.wm.beginWith(p);
        for (const r of chain) c = c.then(r);
        await c.enqueue();
        await t.settle();
        const infos = await t.wm.getWorkInfosByTag('TestWorker');
        expect(infos).toHaveLength(50);
        expect(infos.every((i) => i.state === 'FAILED')).toBe(true);
      });
    });

    it('CH-13 then([]) is skipped: first.then([]).then(second) makes second depend on first', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const first = OneTimeWorkRequest.from('TestWorker', charging);
        const second = OneTimeWorkRequest.from('TestWorker');
        const begun = t.wm.beginWith(first);
        expect(begun.then([])).toBe(begun);
        await begun.then([]).then(second).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(second.id))?.state).toBe('BLOCKED');
        await t.driver.setAllConstraintsMet(first.id);
        expect((await t.wm.getWorkInfoById(second.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('CH-15 combine joins all outputs with ARRAY_CREATING: myint [0, 1], mystring ["hello"]', async () => {
      const workers = {
        Zero: () => Result.success({ myint: 0 }),
        One: () => Result.success({ myint: 1, mystring: 'hello' }),
      };
      await withKit(factory, { workers }, async (t) => {
        const a = OneTimeWorkRequest.from('Zero');
        const b = OneTimeWorkRequest.from('One');
        const joined = WorkContinuation.combine([t.wm.beginWith(a), t.wm.beginWith(b)]);
        await joined.enqueue();
        await t.settle();
        const infos = await joined.getWorkInfos();
        expect(infos).toHaveLength(3);
        const combine = infos.find((i) => i.id !== a.id && i.id !== b.id);
        expect(combine?.state).toBe('SUCCEEDED');
        const myint = combine?.outputData.get('myint') as number[] | undefined;
        expect([...(myint ?? [])].sort()).toEqual([0, 1]);
        expect(combine?.outputData.get('mystring')).toEqual(['hello']);
      });
    });

    it('CH-15 (dependent) the work after a combine receives the joined arrays as input', async () => {
      const inputs: Data[] = [];
      const workers = {
        Zero: () => Result.success({ myint: 0 }),
        One: () => Result.success({ myint: 1 }),
        Echo: observedWorker((ctx) => inputs.push(ctx.inputData)),
      };
      await withKit(factory, { workers }, async (t) => {
        const d = OneTimeWorkRequest.from('Echo');
        await WorkContinuation.combine([
          t.wm.beginWith(OneTimeWorkRequest.from('Zero')),
          t.wm.beginWith(OneTimeWorkRequest.from('One')),
        ])
          .then(d)
          .enqueue();
        await t.settle();
        expect(inputs).toHaveLength(1);
        const myint = inputs[0]?.get('myint') as number[] | undefined;
        expect([...(myint ?? [])].sort()).toEqual([0, 1]);
      });
    });

    it('§6.2 a dependent of several prerequisites is unblocked only when all of them SUCCEEDED', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker');
        const b = OneTimeWorkRequest.from('TestWorker', charging);
        const c = OneTimeWorkRequest.from('TestWorker');
        await t.wm.beginWith([a, b]).then(c).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(a.id))?.state).toBe('SUCCEEDED');
        expect((await t.wm.getWorkInfoById(c.id))?.state).toBe('BLOCKED');
        await t.driver.setAllConstraintsMet(b.id);
        expect((await t.wm.getWorkInfoById(c.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('§2 enqueueing a request whose id is already stored is ignored: the work does not run again', async () => {
      let runs = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => runs++) } },
        async (t) => {
          const w = OneTimeWorkRequest.from('TestWorker', { tags: ['first'] });
          await t.wm.enqueue(w);
          await t.settle();
          await t.wm.enqueue(OneTimeWorkRequest.from('TestWorker', { id: w.id, tags: ['second'] }));
          await t.settle();
          expect(runs).toBe(1);
          const info = await t.wm.getWorkInfoById(w.id);
          expect(info?.state).toBe('SUCCEEDED');
          expect(info?.tags.has('second')).toBe(false);
        },
      );
    });

    it('CH-17 the same request in independent combined branches is not a cycle', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const r = () => OneTimeWorkRequest.from('TestWorker');
        // combine([A, B], [B, C])
        const [a, b, c] = [r(), r(), r()];
        await WorkContinuation.combine([t.wm.beginWith([a, b]), t.wm.beginWith([b, c])]).enqueue();
        // A→B, A→C, A2→B, A2→C reusing the same B and C requests
        const [a1, a2, b1, c1] = [r(), r(), r(), r()];
        await WorkContinuation.combine([
          t.wm.beginWith(a1).then(b1),
          t.wm.beginWith(a1).then(c1),
          t.wm.beginWith(a2).then(b1),
          t.wm.beginWith(a2).then(c1),
        ]).enqueue();
        // combine(combine(A, B), combine(A, C))
        const [a3, b3, c3] = [r(), r(), r()];
        const ca = t.wm.beginWith(a3);
        await WorkContinuation.combine([
          WorkContinuation.combine([ca, t.wm.beginWith(b3)]),
          WorkContinuation.combine([ca, t.wm.beginWith(c3)]),
        ]).enqueue();
        await t.settle();
        for (const w of [a, b, c, a1, a2, b1, c1, a3, b3, c3]) {
          expect((await t.wm.getWorkInfoById(w.id))?.state).toBe('SUCCEEDED');
        }
      });
    });

    it('§6.1 a request in its own ancestry is a cycle: enqueue rejects with INVALID_CONTINUATION', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker');
        const b = OneTimeWorkRequest.from('TestWorker');
        const cyclic = t.wm.beginWith(a).then(b).then(a);
        await expect(Promise.resolve().then(() => cyclic.enqueue())).rejects.toMatchObject({
          code: 'INVALID_CONTINUATION',
        });
        expect(await t.wm.getWorkInfoById(a.id)).toBeNull();
      });
    });

    it('§6.1 enqueue() of a continuation is idempotent: the second call stores and runs nothing more', async () => {
      let runs = 0;
      await withKit(
        factory,
        { workers: { TestWorker: observedWorker(() => runs++) } },
        async (t) => {
          const c = t.wm.beginWith(OneTimeWorkRequest.from('TestWorker'));
          const first = c.enqueue();
          const second = c.enqueue();
          expect(second).toBe(first);
          await first;
          await t.settle();
          await c.enqueue();
          await t.settle();
          expect(runs).toBe(1);
        },
      );
    });

    it('§6.1 getWorkInfos of a continuation covers its works and all ancestors', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const [a, b, c] = [0, 1, 2].map(() => OneTimeWorkRequest.from('TestWorker', charging));
        const cont = t.wm.beginWith(a!).then(b!).then(c!);
        await cont.enqueue();
        const ids = (await cont.getWorkInfos()).map((i) => i.id).sort();
        expect(ids).toEqual([a!.id, b!.id, c!.id].sort());
      });
    });

    it('CH-19 A→B: the dependent is picked up and SUCCEEDS after A finishes', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker');
        const b = OneTimeWorkRequest.from('TestWorker');
        await t.wm.beginWith(a).then(b).enqueue();
        await t.settle();
        expect((await t.wm.getWorkInfoById(b.id))?.state).toBe('SUCCEEDED');
      });
    });

    it('§6.3 OVERWRITING: a prerequisite output overrides the dependent own input on conflicts', async () => {
      const inputs: Data[] = [];
      const workers = {
        Producer: () => Result.success({ k: 'parent', p: 1 }),
        Echo: observedWorker((ctx) => inputs.push(ctx.inputData)),
      };
      await withKit(factory, { workers }, async (t) => {
        const p = OneTimeWorkRequest.from('Producer');
        const d = OneTimeWorkRequest.from('Echo', { input: { k: 'own', mine: true } });
        await t.wm.beginWith(p).then(d).enqueue();
        await t.settle();
        expect(inputs[0]?.toObject()).toEqual({ k: 'parent', p: 1, mine: true });
      });
    });

    it('§6.3 ARRAY_CREATING: own input first, then prerequisite outputs, per key', async () => {
      const inputs: Data[] = [];
      const workers = {
        Producer: () => Result.success({ k: 2, list: [3, 4] }),
        Echo: observedWorker((ctx) => inputs.push(ctx.inputData)),
      };
      await withKit(factory, { workers }, async (t) => {
        const p = OneTimeWorkRequest.from('Producer');
        const d = OneTimeWorkRequest.from('Echo', {
          input: { k: 1, only: 'x' },
          inputMerger: 'ARRAY_CREATING',
        });
        await t.wm.beginWith(p).then(d).enqueue();
        await t.settle();
        expect(inputs[0]?.toObject()).toEqual({ k: [1, 2], only: ['x'], list: [3, 4] });
      });
    });
  });
}
