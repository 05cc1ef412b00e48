import { describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import type { WorkInfo } from '../../model/work-info.js';
import { OneTimeWorkRequest } from '../../model/work-request.js';
import { randomWorkId } from '../../ports/random-id.js';
import { createLatch, heldWorker } from './test-workers.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

const charging = { constraints: { requiresCharging: true } } as const;

const idsOf = (infos: readonly WorkInfo[]): string[] => infos.map((i) => i.id).sort();
const sorted = (...ids: string[]): string[] => [...ids].sort();

/** Section I of scenarios.md: queries, WorkQuery and observation (spec §10). */
export function describeQueriesAndObservation(factory: ConformanceStoreFactory): void {
  describe('queries (scenarios I, spec §10)', () => {
    it('QRY-01 getWorkInfoById of an unknown id is null', async () => {
      await withKit(factory, { workers: {} }, async (t) => {
        expect(await t.wm.getWorkInfoById(randomWorkId())).toBeNull();
      });
    });

    it('QRY-03 getWorkInfosByTag returns every work with the tag in any state; tags include the worker name', async () => {
      const latch = createLatch();
      const workers = { TestWorker: () => Result.success(), LatchWorker: heldWorker(latch, []) };
      await withKit(factory, { workers }, async (t) => {
        const work0 = OneTimeWorkRequest.from('LatchWorker', { tags: ['first', 'second'] });
        const work1 = OneTimeWorkRequest.from('TestWorker', { tags: ['first'] });
        const work2 = OneTimeWorkRequest.from('TestWorker', { tags: ['second'] });
        await t.wm.beginWith(work0).then(work1).enqueue();
        await t.wm.enqueue(work2);
        await t.settle();
        expect((await t.wm.getWorkInfoById(work0.id))?.state).toBe('RUNNING');
        expect((await t.wm.getWorkInfoById(work1.id))?.state).toBe('BLOCKED');
        expect((await t.wm.getWorkInfoById(work2.id))?.state).toBe('SUCCEEDED');
        const first = await t.wm.getWorkInfosByTag('first');
        expect(idsOf(first)).toEqual(sorted(work0.id, work1.id));
        expect(idsOf(await t.wm.getWorkInfosByTag('second'))).toEqual(sorted(work0.id, work2.id));
        expect(await t.wm.getWorkInfosByTag('dummy')).toEqual([]);
        const info0 = first.find((i) => i.id === work0.id);
        expect([...(info0?.tags ?? [])].sort()).toEqual(['LatchWorker', 'first', 'second']);
        expect(first.find((i) => i.id === work1.id)?.tags.has('TestWorker')).toBe(true);
      });
    });

    it('QRY-05 a uniqueWorkNames query returns only the named works; two names are OR-ed', async () => {
      await withKit(factory, { workers: {} }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker', charging);
        const b = OneTimeWorkRequest.from('TestWorker', charging);
        const c = OneTimeWorkRequest.from('TestWorker', charging);
        await t.wm.enqueueUniqueWork('name1', 'KEEP', a);
        await t.wm.enqueueUniqueWork('name2', 'KEEP', b);
        await t.wm.enqueue(c);
        expect(idsOf(await t.wm.getWorkInfos({ uniqueWorkNames: ['name1'] }))).toEqual([a.id]);
        expect(idsOf(await t.wm.getWorkInfos({ uniqueWorkNames: ['name1', 'name2'] }))).toEqual(
          sorted(a.id, b.id),
        );
        expect(idsOf(await t.wm.getWorkInfosForUniqueWork('name2'))).toEqual([b.id]);
      });
    });

    it('QRY-07 components are AND-ed: ids × tag, states × tag', async () => {
      const latch = createLatch();
      const workers = { TestWorker: heldWorker(latch, []), RetryWorker: () => Result.retry() };
      await withKit(factory, { workers }, async (t) => {
        const test = OneTimeWorkRequest.from('TestWorker');
        const retry = OneTimeWorkRequest.from('RetryWorker');
        await t.wm.enqueue([test, retry]);
        await t.settle();
        expect(
          idsOf(await t.wm.getWorkInfos({ ids: [test.id, retry.id], tags: ['TestWorker'] })),
        ).toEqual([test.id]);
        expect(await t.wm.getWorkInfos({ states: ['ENQUEUED'], tags: ['TestWorker'] })).toEqual([]);
        expect(
          idsOf(await t.wm.getWorkInfos({ states: ['RUNNING'], tags: ['TestWorker'] })),
        ).toEqual([test.id]);
        expect(idsOf(await t.wm.getWorkInfos({ states: ['RUNNING', 'ENQUEUED'] }))).toEqual(
          sorted(test.id, retry.id),
        );
        expect(await t.wm.getWorkInfos({ ids: [test.id], uniqueWorkNames: ['none'] })).toEqual([]);
      });
    });

    it('QRY-09 a WorkQuery with every component empty is rejected with INVALID_QUERY', async () => {
      await withKit(factory, { workers: {} }, async (t) => {
        await expect(t.wm.getWorkInfos({})).rejects.toMatchObject({ code: 'INVALID_QUERY' });
        await expect(
          t.wm.getWorkInfos({ ids: [], tags: [], states: [], uniqueWorkNames: [] }),
        ).rejects.toMatchObject({
          code: 'INVALID_QUERY',
        });
        expect(() => t.wm.observeWorkInfos({})).toThrow(
          expect.objectContaining({ code: 'INVALID_QUERY' }),
        );
        await expect(t.wm.getWorkInfos({ states: ['DONE' as never] })).rejects.toMatchObject({
          code: 'INVALID_QUERY',
        });
      });
    });

    it('§10 WorkInfo carries the request: constraints, initial delay, periodicity null for one-time work', async () => {
      await withKit(factory, { workers: {}, mode: 'time', now: 1_000 }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker', {
          constraints: { requiredNetworkType: 'UNMETERED' },
          initialDelay: 5_000,
        });
        await t.wm.enqueue(w);
        const info = await t.wm.getWorkInfoById(w.id);
        expect(info?.constraints.requiredNetworkType).toBe('UNMETERED');
        expect(info?.initialDelayMillis).toBe(5_000);
        expect(info?.periodicityInfo).toBeNull();
        expect(info?.nextScheduleTimeMillis).toBe(6_000);
        expect(info?.progress.isEmpty()).toBe(true);
        expect(info?.generation).toBe(0);
        expect(info?.runAttemptCount).toBe(0);
      });
    });
  });

  describe('observation (spec §10)', () => {
    it('§10 observeWorkInfoById emits the current value, then each distinct change once', async () => {
      const latch = createLatch();
      const workers = { LatchWorker: heldWorker(latch, []), TestWorker: () => Result.success() };
      await withKit(factory, { workers }, async (t) => {
        const w = OneTimeWorkRequest.from('LatchWorker', charging);
        const seen: (string | null)[] = [];
        const sub = t.wm.observeWorkInfoById(w.id).subscribe((i) => seen.push(i?.state ?? null));
        await t.settle();
        expect(seen).toEqual([null]);
        await t.wm.enqueue(w);
        await t.settle();
        // Unrelated writes do not re-emit the same value.
        await t.wm.enqueue(OneTimeWorkRequest.from('TestWorker'));
        await t.settle();
        await t.driver.setAllConstraintsMet(w.id);
        await t.settle();
        latch.release(Result.success());
        await t.settle();
        sub.unsubscribe();
        expect(seen).toEqual([null, 'ENQUEUED', 'RUNNING', 'SUCCEEDED']);
      });
    });

    it('§10 an observed work that is pruned is emitted as null', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueue(w);
        await t.settle();
        const seen: (string | null)[] = [];
        const sub = t.wm.observeWorkInfoById(w.id).subscribe((i) => seen.push(i?.state ?? null));
        await t.settle();
        await t.wm.pruneWork();
        await t.settle();
        sub.unsubscribe();
        expect(seen).toEqual(['SUCCEEDED', null]);
      });
    });

    it('§10 a late subscriber gets the current value first', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const w = OneTimeWorkRequest.from('TestWorker');
        await t.wm.enqueue(w);
        await t.settle();
        const seen: string[] = [];
        const sub = t.wm.observeWorkInfoById(w.id).subscribe((i) => seen.push(String(i?.state)));
        await t.settle();
        sub.unsubscribe();
        expect(seen).toEqual(['SUCCEEDED']);
      });
    });

    it('§10 observeWorkInfosByTag / ForUniqueWork / observeWorkInfos emit distinct lists only', async () => {
      const latch = createLatch();
      const workers = { LatchWorker: heldWorker(latch, []), TestWorker: () => Result.success() };
      await withKit(factory, { workers }, async (t) => {
        const a = OneTimeWorkRequest.from('LatchWorker', { ...charging, tags: ['watched'] });
        const byTag: string[][] = [];
        const byName: string[][] = [];
        const byQuery: string[][] = [];
        const subs = [
          t.wm.observeWorkInfosByTag('watched').subscribe((l) => byTag.push(l.map((i) => i.state))),
          t.wm
            .observeWorkInfosForUniqueWork('n')
            .subscribe((l) => byName.push(l.map((i) => i.state))),
          t.wm
            .observeWorkInfos({ tags: ['watched'], states: ['ENQUEUED', 'SUCCEEDED'] })
            .subscribe((l) => byQuery.push(l.map((i) => i.state))),
        ];
        await t.settle();
        await t.wm.enqueueUniqueWork('n', 'KEEP', a);
        await t.settle();
        await t.wm.enqueue(OneTimeWorkRequest.from('TestWorker'));
        await t.settle();
        await t.driver.setAllConstraintsMet(a.id);
        await t.settle();
        latch.release(Result.success());
        await t.settle();
        for (const s of subs) s.unsubscribe();
        expect(byTag).toEqual([[], ['ENQUEUED'], ['RUNNING'], ['SUCCEEDED']]);
        expect(byName).toEqual(byTag);
        expect(byQuery).toEqual([[], ['ENQUEUED'], [], ['SUCCEEDED']]);
      });
    });

    it('§6.1 a continuation observes its works and its ancestors', async () => {
      await withKit(factory, { workers: { TestWorker: () => Result.success() } }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker', charging);
        const b = OneTimeWorkRequest.from('TestWorker');
        const cont = t.wm.beginWith(a).then(b);
        const seen: string[][] = [];
        const sub = cont
          .observeWorkInfos()
          .subscribe((l) =>
            seen.push([a.id, b.id].map((id) => l.find((i) => i.id === id)?.state ?? 'absent')),
          );
        await cont.enqueue();
        await t.settle();
        await t.driver.setAllConstraintsMet(a.id);
        await t.settle();
        sub.unsubscribe();
        expect(seen.at(-1)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
        expect(seen).toContainEqual(['ENQUEUED', 'BLOCKED']);
      });
    });

    it('§16 a worker context carries the work id, worker name and tags', async () => {
      const latch = createLatch();
      const contexts: WorkerContext[] = [];
      await withKit(
        factory,
        { workers: { LatchWorker: heldWorker(latch, contexts) } },
        async (t) => {
          const w = OneTimeWorkRequest.from('LatchWorker', { tags: ['x'] });
          await t.wm.enqueue(w);
          await t.settle();
          expect(contexts[0]?.id).toBe(w.id);
          expect(contexts[0]?.workerName).toBe('LatchWorker');
          expect(contexts[0]?.tags.has('x')).toBe(true);
          latch.release(Result.success());
        },
      );
    });
  });
}
