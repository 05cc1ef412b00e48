import { describe, expect, it } from 'vitest';
import { Result } from '../../model/result.js';
import { OneTimeWorkRequest, PeriodicWorkRequest } from '../../model/work-request.js';
import { type ConformanceStoreFactory, withKit } from './with-kit.js';

/** What the public API refuses, with which WorkError code, and that nothing is stored then. */
export function describeValidationErrors(factory: ConformanceStoreFactory): void {
  const workers = { TestWorker: () => Result.success() };

  describe('validation errors', () => {
    it('§6.1 enqueue([]) rejects and beginWith([]) / beginUniqueWork([]) throw INVALID_REQUEST', async () => {
      await withKit(factory, { workers }, async (t) => {
        await expect(t.wm.enqueue([])).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
        expect(() => t.wm.beginWith([])).toThrow(
          expect.objectContaining({ code: 'INVALID_REQUEST' }),
        );
        expect(() => t.wm.beginUniqueWork('n', 'KEEP', [])).toThrow(
          expect.objectContaining({ code: 'INVALID_REQUEST' }),
        );
        await expect(t.wm.enqueueUniqueWork('n', 'KEEP', [])).rejects.toMatchObject({
          code: 'INVALID_REQUEST',
        });
      });
    });

    it('BLD-15 an expedited request with an initial delay cannot be built', () => {
      expect(() =>
        OneTimeWorkRequest.from('TestWorker', {
          expedited: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
          initialDelay: 10_000,
        }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    });

    it('WW-05 an unknown input merger cannot be built (rejected before anything is stored)', () => {
      expect(() =>
        OneTimeWorkRequest.from('TestWorker', { inputMerger: 'INVALID_CLASS_NAME' as never }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    });

    it('§5.1 REPLACE (or CANCEL_AND_REENQUEUE) with a next-schedule-time override rejects with INVALID_REQUEST', async () => {
      await withKit(factory, { workers }, async (t) => {
        const p = PeriodicWorkRequest.from('TestWorker', {
          repeatInterval: { hours: 1 },
          nextScheduleTimeOverride: 10_000_000,
        });
        await expect(t.wm.enqueueUniquePeriodicWork('n', 'REPLACE', p)).rejects.toMatchObject({
          code: 'INVALID_REQUEST',
        });
        await expect(
          t.wm.enqueueUniquePeriodicWork('n', 'CANCEL_AND_REENQUEUE', p),
        ).rejects.toMatchObject({
          code: 'INVALID_REQUEST',
        });
        expect(await t.wm.getWorkInfoById(p.id)).toBeNull();
        await t.wm.enqueueUniquePeriodicWork('n', 'KEEP', p);
        expect((await t.wm.getWorkInfoById(p.id))?.nextScheduleTimeMillis).toBe(10_000_000);
      });
    });

    it('§5.2 enqueueUniquePeriodicWork takes periodic requests only; unknown policies are rejected', async () => {
      await withKit(factory, { workers }, async (t) => {
        const once = OneTimeWorkRequest.from('TestWorker');
        await expect(t.wm.enqueueUniquePeriodicWork('n', 'KEEP', once)).rejects.toMatchObject({
          code: 'INVALID_REQUEST',
        });
        await expect(t.wm.enqueueUniqueWork('n', 'UPDATE' as never, once)).rejects.toMatchObject({
          code: 'INVALID_REQUEST',
        });
        expect(await t.wm.getWorkInfoById(once.id)).toBeNull();
      });
    });

    it('§6.1 a continuation with periodic work is rejected with INVALID_CONTINUATION', async () => {
      await withKit(factory, { workers }, async (t) => {
        const p = PeriodicWorkRequest.from('TestWorker', { repeatInterval: { hours: 1 } });
        expect(() => t.wm.beginUniqueWork('n', 'KEEP', p)).toThrow(
          expect.objectContaining({ code: 'INVALID_CONTINUATION' }),
        );
      });
    });

    it('§6.1 a cycle makes enqueue() reject (not throw) with INVALID_CONTINUATION', async () => {
      await withKit(factory, { workers }, async (t) => {
        const a = OneTimeWorkRequest.from('TestWorker');
        const cyclic = t.wm.beginWith(a).then(OneTimeWorkRequest.from('TestWorker')).then(a);
        let result: Promise<void> | undefined;
        expect(() => {
          result = cyclic.enqueue();
        }).not.toThrow();
        await expect(result).rejects.toMatchObject({ code: 'INVALID_CONTINUATION' });
      });
    });

    it('§10 queries and cancels with an empty id, tag or name reject with INVALID_REQUEST', async () => {
      await withKit(factory, { workers }, async (t) => {
        await expect(t.wm.getWorkInfoById('')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
        await expect(t.wm.cancelAllWorkByTag('')).rejects.toMatchObject({
          code: 'INVALID_REQUEST',
        });
        await expect(t.wm.cancelUniqueWork('')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
      });
    });

    it('a closed WorkManager rejects every call with ILLEGAL_STATE', async () => {
      await withKit(factory, { workers }, async (t) => {
        await t.close();
        await expect(t.wm.enqueue(OneTimeWorkRequest.from('TestWorker'))).rejects.toMatchObject({
          code: 'ILLEGAL_STATE',
        });
        await expect(t.wm.getWorkInfosByTag('x')).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
        await expect(t.wm.cancelAllWork()).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
        await expect(t.wm.pruneWork()).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
        await expect(t.wm.close()).resolves.toBeUndefined();
      });
    });
  });
}
