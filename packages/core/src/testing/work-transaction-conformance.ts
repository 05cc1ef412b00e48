import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../model/constraints.js';
import { Data } from '../model/data.js';
import { isWorkError } from '../model/work-error.js';
import { NOT_ENQUEUED, type WorkSpec } from '../model/work-spec.js';
import { ALL_CONDITIONS_MET, type DeviceConditions } from '../ports/device-conditions.js';
import type { WorkTransaction, WorkTransactionRunner } from '../ports/work-transaction.js';
import { workSpecFixture as workSpec } from './work-spec-fixture.js';

/** What a backend hands the row-level conformance suite: a fresh runner and how to dispose of it. */
export interface WorkTransactionFixture {
  readonly runner: WorkTransactionRunner;
  cleanup(): Promise<void>;
}

/** No condition met at all: only works without constraints may run. */
const NO_CONDITIONS: DeviceConditions = {
  networkTypes: ['NOT_REQUIRED'],
  charging: false,
  batteryNotLow: false,
  deviceIdle: false,
  storageNotLow: false,
};

/** Every field away from its default, so a field a backend drops or mangles shows. */
function everyFieldSet(id: string, prerequisite: string): WorkSpec {
  return {
    id,
    workerName: 'UploadWorker',
    state: 'RUNNING',
    input: Data.from({ url: 'https://example.com/a b', sizes: [1, 2.5, -3], ok: true, none: null }),
    output: Data.from({ names: ['x', null, 'é😀'], flags: [true, false] }),
    progress: Data.from({ percent: 40 }),
    inputMerger: 'ARRAY_CREATING',
    initialDelay: 1_500,
    interval: 3_600_000,
    flex: 900_000,
    constraints: {
      requiredNetworkType: 'UNMETERED',
      requiresCharging: true,
      requiresBatteryNotLow: true,
      requiresDeviceIdle: true,
      requiresStorageNotLow: true,
    },
    runAttemptCount: 3,
    backoffPolicy: 'LINEAR',
    backoffDelay: 45_000,
    lastEnqueueTime: 1_700_000_000_123,
    minimumRetention: 86_400_000,
    expedited: true,
    outOfQuotaPolicy: 'DROP_WORK_REQUEST',
    periodCount: 7,
    generation: 2,
    nextScheduleTimeOverride: 1_700_000_500_000,
    nextScheduleTimeOverrideGeneration: 4,
    stopReason: 7,
    tags: ['UploadWorker', 'photos', 'tag with spaces'],
    uniqueName: 'nightly-upload',
    prerequisites: [prerequisite],
    nextRunAt: 1_700_000_100_000,
    runOwner: 'process-42',
    leaseExpiresAt: 1_700_000_160_000,
    runOverrideGeneration: 3,
  };
}

/** A comparable view of a spec: Data as plain objects, tags and prerequisites as sets. */
function comparable(spec: WorkSpec | undefined): unknown {
  if (spec === undefined) return undefined;
  return {
    ...spec,
    input: spec.input.toObject(),
    output: spec.output.toObject(),
    progress: spec.progress.toObject(),
    tags: [...spec.tags].sort(),
    prerequisites: [...spec.prerequisites].sort(),
  };
}

const ids = (specs: readonly WorkSpec[]): string[] => specs.map((s) => s.id);

/**
 * The black-box suite of the row-level store port ({@link WorkTransactionRunner}): every
 * backend runs it with its own factory, so the core's store operations, written once against
 * the port, behave the same on all of them. `factory` must return a fresh, empty store.
 */
export function describeWorkTransactionConformance(
  name: string,
  factory: () => Promise<WorkTransactionFixture>,
): void {
  describe(`WorkTransaction conformance: ${name}`, () => {
    let fixture: WorkTransactionFixture;
    let runner: WorkTransactionRunner;
    const run = <T>(fn: (tx: WorkTransaction) => T): Promise<T> => runner.transact(fn);
    const insert = (...specs: WorkSpec[]): Promise<void> =>
      run((tx) => {
        for (const spec of specs) tx.insertWork(spec);
      });

    beforeEach(async () => {
      fixture = await factory();
      runner = fixture.runner;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('insertWork / getWork', () => {
      it('round-trips a WorkSpec with every field set, Data and all', async () => {
        const spec = everyFieldSet('work-1', 'prerequisite-1');
        await insert(workSpec('prerequisite-1'), spec);
        const stored = await run((tx) => tx.getWork('work-1'));
        expect(comparable(stored)).toEqual(comparable(spec));
        expect(stored?.input.equals(spec.input)).toBe(true);
        expect(stored?.output.equals(spec.output)).toBe(true);
        expect(stored?.progress.equals(spec.progress)).toBe(true);
      });

      it('round-trips "never" (Infinity) and the defaults exactly', async () => {
        const spec = workSpec('blocked', {
          state: 'BLOCKED',
          nextRunAt: Number.POSITIVE_INFINITY,
          nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
          lastEnqueueTime: NOT_ENQUEUED,
        });
        await insert(spec);
        const stored = await run((tx) => tx.getWork('blocked'));
        expect(comparable(stored)).toEqual(comparable(spec));
        expect(stored?.nextRunAt).toBe(Number.POSITIVE_INFINITY);
        expect(stored?.nextScheduleTimeOverride).toBe(Number.POSITIVE_INFINITY);
        expect(stored?.input.isEmpty()).toBe(true);
      });

      it('QRY-01 getWork of an unknown id is undefined', async () => {
        expect(await run((tx) => tx.getWork('no-such-work'))).toBeUndefined();
      });

      it('refuses a second insert of the same id and keeps the first', async () => {
        await insert(workSpec('a', { generation: 1 }));
        await expect(insert(workSpec('a', { generation: 2 }))).rejects.toSatisfy((e) =>
          isWorkError(e),
        );
        expect((await run((tx) => tx.getWork('a')))?.generation).toBe(1);
      });
    });

    describe('findWorks', () => {
      beforeEach(async () => {
        // QRY-03's rows, plus unique names for QRY-05.
        await insert(
          workSpec('work0', { state: 'RUNNING', tags: ['TestWorker', 'first', 'second'] }),
          workSpec('work1', {
            state: 'BLOCKED',
            tags: ['TestWorker', 'first'],
            uniqueName: 'name1',
          }),
          workSpec('work2', {
            state: 'SUCCEEDED',
            tags: ['TestWorker', 'second'],
            uniqueName: 'name2',
          }),
          workSpec('work3', { state: 'ENQUEUED', uniqueName: 'name1' }),
        );
      });

      it('QRY-03 by tag: values OR-ed, in insertion order', async () => {
        expect(ids(await run((tx) => tx.findWorks({ tags: ['first'] })))).toEqual([
          'work0',
          'work1',
        ]);
        expect(ids(await run((tx) => tx.findWorks({ tags: ['second'] })))).toEqual([
          'work0',
          'work2',
        ]);
        expect(ids(await run((tx) => tx.findWorks({ tags: ['dummy'] })))).toEqual([]);
        expect(ids(await run((tx) => tx.findWorks({ tags: ['second', 'first'] })))).toEqual([
          'work0',
          'work1',
          'work2',
        ]);
      });

      it('QRY-05 by unique name: one name or several', async () => {
        expect(ids(await run((tx) => tx.findWorks({ uniqueNames: ['name2'] })))).toEqual(['work2']);
        expect(ids(await run((tx) => tx.findWorks({ uniqueNames: ['name1', 'name2'] })))).toEqual([
          'work1',
          'work2',
          'work3',
        ]);
      });

      it('QRY-07 components AND-ed: ids with tags, states with tags', async () => {
        expect(
          ids(await run((tx) => tx.findWorks({ ids: ['work0', 'work3'], tags: ['first'] }))),
        ).toEqual(['work0']);
        expect(
          ids(await run((tx) => tx.findWorks({ states: ['ENQUEUED'], tags: ['first'] }))),
        ).toEqual([]);
        expect(
          ids(await run((tx) => tx.findWorks({ states: ['RUNNING'], tags: ['first'] }))),
        ).toEqual(['work0']);
        expect(
          ids(
            await run((tx) =>
              tx.findWorks({
                ids: ['work1', 'work2', 'work3'],
                uniqueNames: ['name1'],
                states: ['BLOCKED', 'ENQUEUED', 'SUCCEEDED'],
                tags: ['TestWorker'],
              }),
            ),
          ),
        ).toEqual(['work1', 'work3']);
      });

      it('an empty selector selects every work, in insertion order; ids keep that order', async () => {
        expect(ids(await run((tx) => tx.findWorks({})))).toEqual([
          'work0',
          'work1',
          'work2',
          'work3',
        ]);
        expect(ids(await run((tx) => tx.findWorks({ ids: ['work3', 'work0', 'nope'] })))).toEqual([
          'work0',
          'work3',
        ]);
        expect(ids(await run((tx) => tx.findWorks({ states: ['SUCCEEDED', 'BLOCKED'] })))).toEqual([
          'work1',
          'work2',
        ]);
      });
    });

    it('getDependentIds lists the works that name an id as prerequisite', async () => {
      await insert(
        workSpec('root'),
        workSpec('other'),
        workSpec('child-b', { prerequisites: ['root'] }),
        workSpec('child-a', { prerequisites: ['root', 'other'] }),
      );
      expect(await run((tx) => tx.getDependentIds('root'))).toEqual(['child-b', 'child-a']);
      expect(await run((tx) => tx.getDependentIds('other'))).toEqual(['child-a']);
      expect(await run((tx) => tx.getDependentIds('child-a'))).toEqual([]);
    });

    describe('findDueWork / nextDueTime', () => {
      it('returns due ENQUEUED work by nextRunAt, then insertion order, up to the limit', async () => {
        await insert(
          workSpec('late', { nextRunAt: 300 }),
          workSpec('tie-z', { nextRunAt: 200 }),
          workSpec('tie-a', { nextRunAt: 200 }),
          workSpec('future', { nextRunAt: 1_000 }),
          workSpec('never', { nextRunAt: Number.POSITIVE_INFINITY }),
          workSpec('running', { state: 'RUNNING', nextRunAt: 0 }),
          workSpec('blocked', { state: 'BLOCKED', nextRunAt: 0 }),
          workSpec('succeeded', { state: 'SUCCEEDED', nextRunAt: 0 }),
          workSpec('early', { nextRunAt: 100 }),
          workSpec('exactly-now', { nextRunAt: 500 }),
        );
        const due = (now: number, limit: number) =>
          run((tx) => tx.findDueWork({ now, limit, conditions: ALL_CONDITIONS_MET }));
        expect(ids(await due(500, 100))).toEqual([
          'early',
          'tie-z',
          'tie-a',
          'late',
          'exactly-now',
        ]);
        expect(ids(await due(500, 2))).toEqual(['early', 'tie-z']);
        expect(ids(await due(500, 1_000))).toHaveLength(5);
        expect(ids(await due(500, Number.POSITIVE_INFINITY))).toHaveLength(5);
        expect(ids(await due(99, 10))).toEqual([]);
        expect(ids(await due(500, 0))).toEqual([]);
        expect(await run((tx) => tx.nextDueTime(ALL_CONDITIONS_MET))).toBe(100);
      });

      it('keeps only works whose constraints the conditions meet', async () => {
        const needs = (c: Partial<WorkSpec['constraints']>) => ({ ...NO_CONSTRAINTS, ...c });
        await insert(
          workSpec('connected', {
            nextRunAt: 10,
            constraints: needs({ requiredNetworkType: 'CONNECTED' }),
          }),
          workSpec('unmetered', {
            nextRunAt: 10,
            constraints: needs({ requiredNetworkType: 'UNMETERED' }),
          }),
          workSpec('charging', { nextRunAt: 20, constraints: needs({ requiresCharging: true }) }),
          workSpec('battery', {
            nextRunAt: 30,
            constraints: needs({ requiresBatteryNotLow: true }),
          }),
          workSpec('idle', { nextRunAt: 40, constraints: needs({ requiresDeviceIdle: true }) }),
          workSpec('storage', {
            nextRunAt: 50,
            constraints: needs({ requiresStorageNotLow: true }),
          }),
          workSpec('free', { nextRunAt: 60 }),
        );
        const due = (conditions: DeviceConditions) =>
          run((tx) => ids(tx.findDueWork({ now: 1_000, limit: 100, conditions })));
        const next = (conditions: DeviceConditions) => run((tx) => tx.nextDueTime(conditions));

        expect(await due(ALL_CONDITIONS_MET)).toEqual([
          'connected',
          'unmetered',
          'charging',
          'battery',
          'idle',
          'storage',
          'free',
        ]);
        expect(await due(NO_CONDITIONS)).toEqual(['free']);
        expect(await next(NO_CONDITIONS)).toBe(60);
        const someMet: DeviceConditions = {
          ...NO_CONDITIONS,
          networkTypes: ['NOT_REQUIRED', 'CONNECTED', 'METERED'],
          charging: true,
          storageNotLow: true,
        };
        expect(await due(someMet)).toEqual(['connected', 'charging', 'storage', 'free']);
        expect(await next(someMet)).toBe(10);
        expect(await due({ ...NO_CONDITIONS, batteryNotLow: true, deviceIdle: true })).toEqual([
          'battery',
          'idle',
          'free',
        ]);
        expect(await next({ ...NO_CONDITIONS, deviceIdle: true })).toBe(40);
      });

      it('nextDueTime is Infinity when nothing ENQUEUED may ever run', async () => {
        expect(await run((tx) => tx.nextDueTime(ALL_CONDITIONS_MET))).toBe(
          Number.POSITIVE_INFINITY,
        );
        await insert(
          workSpec('never', { nextRunAt: Number.POSITIVE_INFINITY }),
          workSpec('running', { state: 'RUNNING', nextRunAt: 5 }),
          workSpec('charging', {
            nextRunAt: 7,
            constraints: { ...NO_CONSTRAINTS, requiresCharging: true },
          }),
        );
        expect(await run((tx) => tx.nextDueTime(NO_CONDITIONS))).toBe(Number.POSITIVE_INFINITY);
        expect(await run((tx) => tx.nextDueTime(ALL_CONDITIONS_MET))).toBe(7);
      });
    });

    it('findRunning lists RUNNING works, optionally only those whose lease expired', async () => {
      await insert(
        workSpec('r1', { state: 'RUNNING', runOwner: 'a', leaseExpiresAt: 1_000 }),
        workSpec('enqueued', { leaseExpiresAt: 0 }),
        workSpec('r2', { state: 'RUNNING', runOwner: 'b', leaseExpiresAt: 2_000 }),
        workSpec('r3', { state: 'RUNNING', runOwner: 'a', leaseExpiresAt: 3_000 }),
      );
      expect(ids(await run((tx) => tx.findRunning({})))).toEqual(['r1', 'r2', 'r3']);
      expect(ids(await run((tx) => tx.findRunning({ leaseExpiredBefore: 2_001 })))).toEqual([
        'r1',
        'r2',
      ]);
      expect(ids(await run((tx) => tx.findRunning({ leaseExpiredBefore: 2_000 })))).toEqual(['r1']);
      expect(ids(await run((tx) => tx.findRunning({ leaseExpiredBefore: 0 })))).toEqual([]);
    });

    describe('updateWork', () => {
      it('overwrites only the patched fields', async () => {
        const original = everyFieldSet('w', 'p');
        await insert(workSpec('p'), original);
        const patch = {
          state: 'ENQUEUED',
          runOwner: null,
          leaseExpiresAt: 0,
          nextRunAt: Number.POSITIVE_INFINITY,
          output: Data.from({ result: 'ok' }),
          constraints: NO_CONSTRAINTS,
          uniqueName: null,
        } as const;
        await run((tx) => tx.updateWork('w', patch));
        const stored = await run((tx) => tx.getWork('w'));
        expect(comparable(stored)).toEqual(comparable({ ...original, ...patch }));
      });

      it('replaces tags and prerequisites, and the dependency rows follow', async () => {
        await insert(
          workSpec('p1'),
          workSpec('p2'),
          workSpec('w', { tags: ['TestWorker', 'old'], prerequisites: ['p1'] }),
        );
        await run((tx) =>
          tx.updateWork('w', { tags: ['TestWorker', 'new'], prerequisites: ['p2'] }),
        );
        const stored = await run((tx) => tx.getWork('w'));
        expect([...(stored?.tags ?? [])].sort()).toEqual(['TestWorker', 'new']);
        expect(stored?.prerequisites).toEqual(['p2']);
        expect(ids(await run((tx) => tx.findWorks({ tags: ['old'] })))).toEqual([]);
        expect(ids(await run((tx) => tx.findWorks({ tags: ['new'] })))).toEqual(['w']);
        expect(await run((tx) => tx.getDependentIds('p1'))).toEqual([]);
        expect(await run((tx) => tx.getDependentIds('p2'))).toEqual(['w']);
        await run((tx) => tx.updateWork('w', { prerequisites: [] }));
        expect(await run((tx) => tx.getDependentIds('p2'))).toEqual([]);
      });

      it('moves a work in and out of the due and running sets', async () => {
        await insert(workSpec('w', { nextRunAt: 10 }));
        await run((tx) =>
          tx.updateWork('w', { state: 'RUNNING', runOwner: 'me', leaseExpiresAt: 50 }),
        );
        expect(
          ids(
            await run((tx) =>
              tx.findDueWork({ now: 100, limit: 10, conditions: ALL_CONDITIONS_MET }),
            ),
          ),
        ).toEqual([]);
        expect(ids(await run((tx) => tx.findRunning({ leaseExpiredBefore: 51 })))).toEqual(['w']);
        await run((tx) =>
          tx.updateWork('w', {
            state: 'ENQUEUED',
            runOwner: null,
            leaseExpiresAt: 0,
            nextRunAt: 20,
          }),
        );
        expect(ids(await run((tx) => tx.findRunning({})))).toEqual([]);
        expect(await run((tx) => tx.nextDueTime(ALL_CONDITIONS_MET))).toBe(20);
      });

      it('rejects an update of an unknown id', async () => {
        await expect(run((tx) => tx.updateWork('missing', { generation: 1 }))).rejects.toSatisfy(
          (e) => isWorkError(e, 'WORK_NOT_FOUND'),
        );
      });
    });

    it('deleteWork removes the work, its tags and its dependency rows in both directions', async () => {
      await insert(
        workSpec('parent'),
        workSpec('middle', {
          tags: ['TestWorker', 'mid'],
          uniqueName: 'chain',
          prerequisites: ['parent'],
        }),
        workSpec('child', { prerequisites: ['middle'] }),
      );
      await run((tx) => tx.deleteWork('middle'));
      expect(await run((tx) => tx.getWork('middle'))).toBeUndefined();
      expect(ids(await run((tx) => tx.findWorks({ tags: ['mid'] })))).toEqual([]);
      expect(ids(await run((tx) => tx.findWorks({ uniqueNames: ['chain'] })))).toEqual([]);
      expect(await run((tx) => tx.getDependentIds('parent'))).toEqual([]);
      expect((await run((tx) => tx.getWork('child')))?.prerequisites).toEqual([]);
      expect(ids(await run((tx) => tx.findWorks({})))).toEqual(['parent', 'child']);
      await run((tx) => tx.deleteWork('no-such-work'));
    });

    it('settings: undefined until set, then the last value', async () => {
      expect(await run((tx) => tx.getSetting('lastCancelAllTime'))).toBeUndefined();
      await run((tx) => tx.setSetting('lastCancelAllTime', 1_700_000_000_000));
      await run((tx) => tx.setSetting('other', 0.5));
      expect(await run((tx) => tx.getSetting('lastCancelAllTime'))).toBe(1_700_000_000_000);
      await run((tx) => tx.setSetting('lastCancelAllTime', 42));
      expect(await run((tx) => tx.getSetting('lastCancelAllTime'))).toBe(42);
      expect(await run((tx) => tx.getSetting('other'))).toBe(0.5);
    });

    describe('transact', () => {
      it('resolves with what the function returns, read after its own writes', async () => {
        const result = await run((tx) => {
          tx.insertWork(workSpec('a'));
          tx.updateWork('a', { generation: 5 });
          return { generation: tx.getWork('a')?.generation };
        });
        expect(result).toEqual({ generation: 5 });
      });

      it('rolls back only a throwing function while concurrent ones commit', async () => {
        await insert(workSpec('existing'));
        const failure = new Error('worker code bug');
        const results = await Promise.allSettled([
          run((tx) => tx.insertWork(workSpec('before'))),
          run((tx) => {
            tx.insertWork(workSpec('doomed'));
            tx.updateWork('existing', { generation: 9 });
            tx.deleteWork('before');
            tx.setSetting('doomed', 1);
            throw failure;
          }),
          run((tx) => {
            tx.insertWork(workSpec('after'));
            return 'after';
          }),
        ]);
        expect(results[0]).toEqual({ status: 'fulfilled', value: undefined });
        expect(results[1]).toEqual({ status: 'rejected', reason: failure });
        expect(results[2]).toEqual({ status: 'fulfilled', value: 'after' });
        expect(ids(await run((tx) => tx.findWorks({})))).toEqual(['existing', 'before', 'after']);
        expect((await run((tx) => tx.getWork('existing')))?.generation).toBe(0);
        expect(await run((tx) => tx.getSetting('doomed'))).toBeUndefined();
      });

      it('resolves many concurrent calls, each with its own result', async () => {
        const count = 500;
        const results = await Promise.all(
          Array.from({ length: count }, (_, i) =>
            run((tx) => {
              tx.insertWork(workSpec(`w${i}`, { nextRunAt: count - i }));
              return i;
            }),
          ),
        );
        expect(results).toEqual(Array.from({ length: count }, (_, i) => i));
        const all = await run((tx) => tx.findWorks({}));
        expect(all).toHaveLength(count);
        const due = await run((tx) =>
          tx.findDueWork({ now: count, limit: 3, conditions: ALL_CONDITIONS_MET }),
        );
        expect(ids(due)).toEqual([`w${count - 1}`, `w${count - 2}`, `w${count - 3}`]);
      });

      it('close() lets queued calls finish; later calls reject with STORE_CLOSED', async () => {
        const pending = run((tx) => tx.insertWork(workSpec('queued')));
        await runner.close();
        await expect(pending).resolves.toBeUndefined();
        await expect(run((tx) => tx.getWork('queued'))).rejects.toSatisfy((e) =>
          isWorkError(e, 'STORE_CLOSED'),
        );
      });
    });
  });
}
