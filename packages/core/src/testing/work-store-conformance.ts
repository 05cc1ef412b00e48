import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConstraintsInit } from '../model/constraints.js';
import { Data } from '../model/data.js';
import { StopReason } from '../model/stop-reason.js';
import { isWorkError } from '../model/work-error.js';
import {
  OneTimeWorkRequest,
  type OneTimeWorkRequestOptions,
  PeriodicWorkRequest,
  type PeriodicWorkRequestOptions,
} from '../model/work-request.js';
import { NOT_ENQUEUED, type WorkSpec } from '../model/work-spec.js';
import { workSpecFromRequest } from '../model/work-spec-template.js';
import { ALL_CONDITIONS_MET, type DeviceConditions } from '../ports/device-conditions.js';
import { silentLogger } from '../ports/logger.js';
import type { EnqueueWorkParams, RunOutcome, WorkStore } from '../ports/work-store.js';

/**
 * What a backend hands the conformance suite: a fresh, empty store per test. After each test
 * the suite calls `cleanup` when given (it must close the store), else `store.close()`.
 */
export type WorkStoreFactory = () => Promise<{
  store: WorkStore;
  cleanup?: () => Promise<void>;
}>;

const WORKER = 'conformance-worker';
const OWNER = 'owner-a';
const OTHER = 'owner-b';
const HOUR = 3_600_000;

/** Where a template goes: its prerequisites and the unique name it joins. */
interface Placement {
  prerequisites?: readonly string[];
  uniqueName?: string | null;
}

function oneTime(
  id: string,
  options: Omit<OneTimeWorkRequestOptions, 'id'> = {},
  placement: Placement = {},
): WorkSpec {
  const request = OneTimeWorkRequest.from(WORKER, { ...options, id }, { logger: silentLogger });
  return workSpecFromRequest(request, {
    prerequisites: placement.prerequisites ?? [],
    uniqueName: placement.uniqueName ?? null,
  });
}

function periodic(
  id: string,
  options: Omit<PeriodicWorkRequestOptions, 'id'>,
  placement: Placement = {},
): WorkSpec {
  const request = PeriodicWorkRequest.from(WORKER, { ...options, id }, { logger: silentLogger });
  return workSpecFromRequest(request, {
    prerequisites: placement.prerequisites ?? [],
    uniqueName: placement.uniqueName ?? null,
  });
}

const constrained = (constraints: ConstraintsInit) => ({ constraints });

/** Conditions with the charger unplugged and no network, everything else met. */
const UNPLUGGED_OFFLINE: DeviceConditions = {
  ...ALL_CONDITIONS_MET,
  networkTypes: ['NOT_REQUIRED'],
  charging: false,
};

/**
 * The black-box contract of the {@link WorkStore} port. Every backend runs it with its own
 * factory (one fresh, empty store per test), so a behaviour fixed in one store is pinned for
 * all of them. Call it at the top level of a Vitest test file.
 */
export function describeWorkStoreConformance(name: string, factory: WorkStoreFactory): void {
  describe(`WorkStore conformance: ${name}`, () => {
    let store: WorkStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });

    afterEach(async () => {
      if (cleanup) await cleanup();
      else await store.close();
    });

    const enqueue = (
      levels: readonly (readonly WorkSpec[])[],
      now = 0,
      unique?: EnqueueWorkParams['unique'],
    ) =>
      store.enqueueWork({
        now,
        levels: levels.map((works) => ({ works })),
        ...(unique ? { unique } : {}),
      });

    const claim = (
      now = 0,
      extra: { limit?: number; conditions?: DeviceConditions; ids?: string[]; owner?: string } = {},
    ) =>
      store.claimWork({
        now,
        owner: extra.owner ?? OWNER,
        leaseExpiresAt: now + 30_000,
        limit: extra.limit ?? 100,
        conditions: extra.conditions ?? ALL_CONDITIONS_MET,
        ...(extra.ids ? { ids: extra.ids } : {}),
      });

    const conclude = (id: string, outcome: RunOutcome, now = 0, owner = OWNER) =>
      store.concludeRun({ id, owner, now, outcome });

    const success = (output: Data = Data.EMPTY): RunOutcome => ({ kind: 'success', output });
    const failure = (output: Data = Data.EMPTY): RunOutcome => ({ kind: 'failure', output });

    /** Enqueues, claims and concludes one work at `now`. */
    const runTo = async (id: string, outcome: RunOutcome, now = 0) => {
      const claimed = await claim(now, { ids: [id] });
      expect(claimed.map((w) => w.id)).toEqual([id]);
      return conclude(id, outcome, now);
    };

    const stateOf = async (id: string) => (await store.getWork(id))?.state;
    const snapshot = async () => (await store.findWorks({})).map((w) => JSON.stringify(w)).sort();

    describe('enqueueWork', () => {
      it('CH-01 inserts a plain work ENQUEUED at now + initialDelay and a chain BLOCKED behind it', async () => {
        const result = await enqueue(
          [
            [oneTime('a', { initialDelay: { minutes: 10 } })],
            [oneTime('b', {}, { prerequisites: ['a'] })],
            [oneTime('c', {}, { prerequisites: ['b'] })],
          ],
          1_000,
        );
        expect(result.inserted).toEqual(['a', 'b', 'c']);
        expect(result.deleted).toEqual([]);
        const a = await store.getWork('a');
        expect(a).toMatchObject({
          state: 'ENQUEUED',
          lastEnqueueTime: 1_000,
          nextRunAt: 1_000 + 600_000,
          runAttemptCount: 0,
          runOwner: null,
        });
        for (const id of ['b', 'c']) {
          expect(await store.getWork(id)).toMatchObject({
            state: 'BLOCKED',
            lastEnqueueTime: NOT_ENQUEUED,
            nextRunAt: Number.POSITIVE_INFINITY,
          });
        }
        expect((await store.getWork('c'))?.prerequisites).toEqual(['b']);
        expect(await store.getWork('missing')).toBeNull();
      });

      it('CNR-07 inserts periodic work due after initialDelay plus interval − flex', async () => {
        await enqueue(
          [
            [
              periodic('p', {
                repeatInterval: { hours: 1 },
                flexInterval: { minutes: 15 },
                initialDelay: { minutes: 5 },
              }),
            ],
          ],
          10_000,
        );
        expect((await store.getWork('p'))?.nextRunAt).toBe(10_000 + 300_000 + 45 * 60_000);
      });

      it('CH-03 CH-05 sets the initial state from the prerequisites as stored', async () => {
        await enqueue([[oneTime('ok')], [oneTime('bad')], [oneTime('gone')], [oneTime('open')]]);
        await runTo('ok', success());
        await runTo('bad', failure());
        await store.cancelWork({ selector: { id: 'gone' }, now: 0 });
        await enqueue(
          [
            [
              oneTime('after-ok', {}, { prerequisites: ['ok'] }),
              oneTime('after-bad', {}, { prerequisites: ['bad', 'gone'] }),
              oneTime('after-gone', {}, { prerequisites: ['gone', 'ok'] }),
              oneTime('after-open', {}, { prerequisites: ['open', 'ok'] }),
            ],
          ],
          5_000,
        );
        expect(await store.getWork('after-ok')).toMatchObject({
          state: 'ENQUEUED',
          lastEnqueueTime: 5_000,
          nextRunAt: 5_000,
        });
        expect(await stateOf('after-bad')).toBe('FAILED');
        expect(await stateOf('after-gone')).toBe('CANCELLED');
        expect(await stateOf('after-open')).toBe('BLOCKED');
      });

      it('inserts nothing of a level (nor what follows) whose prerequisite does not exist', async () => {
        await enqueue([[oneTime('a')]]);
        const result = await enqueue([
          [oneTime('x', {}, { prerequisites: ['a'] })],
          [oneTime('y', {}, { prerequisites: ['x', 'nowhere'] })],
          [oneTime('z', {}, { prerequisites: ['y'] })],
        ]);
        expect(result.inserted).toEqual(['x']);
        expect(await store.getWork('y')).toBeNull();
        expect(await store.getWork('z')).toBeNull();
      });

      it('ignores a template whose id already exists', async () => {
        await enqueue([[oneTime('a', { tags: ['first'] })]]);
        const result = await enqueue([[oneTime('a', { tags: ['second'] })]], 9_000);
        expect(result.inserted).toEqual([]);
        expect(await store.getWork('a')).toMatchObject({ lastEnqueueTime: 0 });
        expect((await store.getWork('a'))?.tags).toContain('first');
      });

      it('UQ-05 KEEP inserts nothing while a member is ENQUEUED or RUNNING', async () => {
        const unique = { name: 'n', policy: 'KEEP' } as const;
        await enqueue([[oneTime('old', {}, { uniqueName: 'n' })]], 0, unique);
        const result = await enqueue([[oneTime('new', {}, { uniqueName: 'n' })]], 0, unique);
        expect(result.inserted).toEqual([]);
        expect(await store.getWork('new')).toBeNull();
        await claim(0);
        await enqueue([[oneTime('new', {}, { uniqueName: 'n' })]], 0, unique);
        expect(await store.getWork('new')).toBeNull();
      });

      it('UQ-07 KEEP replaces a name whose members are all finished', async () => {
        const unique = { name: 'n', policy: 'KEEP' } as const;
        await enqueue([[oneTime('old', {}, { uniqueName: 'n' })]], 0, unique);
        await runTo('old', success());
        const result = await enqueue([[oneTime('new', {}, { uniqueName: 'n' })]], 0, unique);
        expect(result).toMatchObject({ inserted: ['new'], deleted: ['old'] });
        expect((await store.findWorks({ uniqueNames: ['n'] })).map((w) => w.id)).toEqual(['new']);
      });

      it('UQ-03 REPLACE cancels unfinished members with their dependents, deletes members, reports stopped runs', async () => {
        const unique = { name: 'n', policy: 'REPLACE' } as const;
        await enqueue(
          [
            [oneTime('r1', {}, { uniqueName: 'n' })],
            [oneTime('r2', {}, { prerequisites: ['r1'], uniqueName: 'n' })],
          ],
          0,
          unique,
        );
        await enqueue([[oneTime('outsider', {}, { prerequisites: ['r2'] })]]);
        await claim(0, { ids: ['r1'] });
        const result = await enqueue([[oneTime('fresh', {}, { uniqueName: 'n' })]], 7, unique);
        expect(result.inserted).toEqual(['fresh']);
        expect([...result.deleted].sort()).toEqual(['r1', 'r2']);
        expect([...result.cancelled].sort()).toEqual(['outsider', 'r1', 'r2']);
        expect(result.stoppedRuns).toEqual(['r1']);
        expect(await store.getWork('r1')).toBeNull();
        expect(await stateOf('outsider')).toBe('CANCELLED');
        expect(await stateOf('fresh')).toBe('ENQUEUED');
      });

      it('UQ-09 UQ-11 APPEND makes the new root depend on the leaves only', async () => {
        const unique = { name: 'n', policy: 'APPEND' } as const;
        await enqueue(
          [
            [oneTime('o1', {}, { uniqueName: 'n' })],
            [oneTime('o2', {}, { prerequisites: ['o1'], uniqueName: 'n' })],
            [
              oneTime('o3', {}, { prerequisites: ['o2'], uniqueName: 'n' }),
              oneTime('o4', {}, { prerequisites: ['o2'], uniqueName: 'n' }),
            ],
          ],
          0,
          { name: 'n', policy: 'REPLACE' },
        );
        await enqueue(
          [
            [oneTime('a1', {}, { uniqueName: 'n' })],
            [oneTime('a2', {}, { prerequisites: ['a1'], uniqueName: 'n' })],
          ],
          0,
          unique,
        );
        expect([...((await store.getWork('a1'))?.prerequisites ?? [])].sort()).toEqual([
          'o3',
          'o4',
        ]);
        expect(await stateOf('a1')).toBe('BLOCKED');
        expect(await stateOf('a2')).toBe('BLOCKED');
      });

      it('UQ-13 UQ-15 APPEND_OR_REPLACE appends to live leaves, starts afresh after a failed one', async () => {
        const unique = { name: 'n', policy: 'APPEND_OR_REPLACE' } as const;
        await enqueue([[oneTime('p', {}, { uniqueName: 'n' })]], 0, unique);
        await enqueue([[oneTime('n1', {}, { uniqueName: 'n' })]], 0, unique);
        expect(await store.getWork('n1')).toMatchObject({ state: 'BLOCKED', prerequisites: ['p'] });
        await runTo('p', failure());
        expect(await stateOf('n1')).toBe('FAILED');
        const result = await enqueue([[oneTime('n2', {}, { uniqueName: 'n' })]], 0, unique);
        expect([...result.deleted].sort()).toEqual(['n1', 'p']);
        expect(result.cancelled).toEqual([]);
        expect(await store.getWork('n2')).toMatchObject({ state: 'ENQUEUED', prerequisites: [] });
      });

      it('UQ-17 UQ-19 UPDATE inserts under an empty name and updates the one periodic member in place', async () => {
        const unique = { name: 'p', policy: 'UPDATE' } as const;
        await enqueue(
          [[periodic('old', { repeatInterval: { minutes: 15 } }, { uniqueName: 'p' })]],
          100,
          unique,
        );
        expect(await stateOf('old')).toBe('ENQUEUED');
        const result = await enqueue(
          [[periodic('new', { repeatInterval: { minutes: 30 } }, { uniqueName: 'p' })]],
          200,
          unique,
        );
        expect(result.inserted).toEqual([]);
        expect(result.updated).toEqual({ id: 'old', result: 'APPLIED_IMMEDIATELY' });
        expect(await store.getWork('new')).toBeNull();
        expect(await store.getWork('old')).toMatchObject({
          interval: 1_800_000,
          lastEnqueueTime: 100,
          generation: 1,
          uniqueName: 'p',
        });
      });

      it('rejects UPDATE on a chain and leaves nothing changed (atomicity)', async () => {
        await enqueue(
          [
            [oneTime('c1', {}, { uniqueName: 'chain' })],
            [oneTime('c2', {}, { prerequisites: ['c1'], uniqueName: 'chain' })],
          ],
          0,
          { name: 'chain', policy: 'REPLACE' },
        );
        await enqueue([[oneTime('other')]]);
        const before = await snapshot();
        const error = await enqueue(
          [[periodic('u', { repeatInterval: { hours: 1 } }, { uniqueName: 'chain' })]],
          50,
          { name: 'chain', policy: 'UPDATE' },
        ).then(
          () => null,
          (e: unknown) => e,
        );
        expect(isWorkError(error) && error.code).toBe('UNSUPPORTED_OPERATION');
        expect(await snapshot()).toEqual(before);
        expect(await store.getWork('u')).toBeNull();
      });

      it('rejects UPDATE on one-time work and leaves nothing changed', async () => {
        await enqueue([[oneTime('one', {}, { uniqueName: 'x' })]], 0, {
          name: 'x',
          policy: 'KEEP',
        });
        const before = await snapshot();
        await expect(
          enqueue([[periodic('u', { repeatInterval: { hours: 1 } }, { uniqueName: 'x' })]], 0, {
            name: 'x',
            policy: 'UPDATE',
          }),
        ).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('claimWork', () => {
      it('an enqueue with `claim` stores and claims due work in the same call', async () => {
        const result = await store.enqueueWork({
          now: 10,
          levels: [{ works: [oneTime('now'), oneTime('later', { initialDelay: 500 })] }],
          claim: { owner: OWNER, leaseExpiresAt: 30_010, limit: 5, conditions: ALL_CONDITIONS_MET },
        });
        expect(result.claimed.map((w) => w.id)).toEqual(['now']);
        expect(await store.getWork('now')).toMatchObject({ state: 'RUNNING', runOwner: OWNER });
        expect(await store.getWork('later')).toMatchObject({ state: 'ENQUEUED' });
      });

      it('a conclusion with `claimNext` refills the freed slot in the same call', async () => {
        await enqueue([[oneTime('a'), oneTime('b'), oneTime('c')]]);
        await claim(0, { limit: 1 });
        const result = await store.concludeRun({
          id: 'a',
          owner: OWNER,
          now: 1,
          outcome: { kind: 'success', output: Data.EMPTY },
          claimNext: {
            owner: OWNER,
            leaseExpiresAt: 30_001,
            limit: 1,
            conditions: ALL_CONDITIONS_MET,
          },
        });
        expect(result.claimed.map((w) => w.id)).toEqual(['b']);
        expect(await store.getWork('b')).toMatchObject({ state: 'RUNNING', runAttemptCount: 1 });
        expect(await store.getWork('c')).toMatchObject({ state: 'ENQUEUED' });
      });

      it('WW-13 marks due work RUNNING for the owner with a lease and one more attempt', async () => {
        await enqueue([[oneTime('a')]]);
        const [claimed] = await claim(5);
        expect(claimed).toMatchObject({
          id: 'a',
          state: 'RUNNING',
          runOwner: OWNER,
          leaseExpiresAt: 30_005,
          runAttemptCount: 1,
          stopReason: StopReason.NOT_STOPPED,
          nextRunAt: Number.POSITIVE_INFINITY,
        });
        expect(await store.getWork('a')).toEqual(claimed);
        expect(await claim(5)).toEqual([]);
      });

      it('claims only due work, earliest nextRunAt first then insertion order, at most `limit`', async () => {
        await enqueue([
          [
            oneTime('late', { initialDelay: 300 }),
            oneTime('first', { initialDelay: 100 }),
            oneTime('second', { initialDelay: 100 }),
            oneTime('never', { initialDelay: 10_000 }),
          ],
        ]);
        expect(await claim(50)).toEqual([]);
        expect((await claim(1_000, { limit: 2 })).map((w) => w.id)).toEqual(['first', 'second']);
        expect((await claim(1_000)).map((w) => w.id)).toEqual(['late']);
        expect(await stateOf('never')).toBe('ENQUEUED');
      });

      it('TD-03 skips work whose constraints the conditions do not meet', async () => {
        await enqueue([
          [
            oneTime('net', constrained({ requiredNetworkType: 'CONNECTED' })),
            oneTime('charge', constrained({ requiresCharging: true })),
            oneTime('free'),
          ],
        ]);
        expect((await claim(0, { conditions: UNPLUGGED_OFFLINE })).map((w) => w.id)).toEqual([
          'free',
        ]);
        expect(
          (
            await claim(0, {
              conditions: { ...UNPLUGGED_OFFLINE, networkTypes: ['NOT_REQUIRED', 'CONNECTED'] },
            })
          ).map((w) => w.id),
        ).toEqual(['net']);
        expect((await claim(0)).map((w) => w.id)).toEqual(['charge']);
      });

      it('with `ids` claims exactly those ENQUEUED works, due or not, constrained or not', async () => {
        await enqueue([
          [
            oneTime('delayed', { initialDelay: { days: 1 } }),
            oneTime('charge', constrained({ requiresCharging: true })),
            oneTime('untouched'),
          ],
          [oneTime('blocked', {}, { prerequisites: ['untouched'] })],
        ]);
        const claimed = await claim(0, {
          ids: ['delayed', 'charge', 'blocked', 'nowhere'],
          conditions: UNPLUGGED_OFFLINE,
        });
        expect(claimed.map((w) => w.id).sort()).toEqual(['charge', 'delayed']);
        expect(await stateOf('untouched')).toBe('ENQUEUED');
        expect(await stateOf('blocked')).toBe('BLOCKED');
        expect(await claim(0, { ids: ['delayed'] })).toEqual([]);
      });

      it('never claims a work twice: concurrent owners get disjoint sets', async () => {
        const ids = Array.from({ length: 40 }, (_, i) => `w${String(i).padStart(2, '0')}`);
        await enqueue([ids.map((id) => oneTime(id))]);
        const [a, b, c] = await Promise.all([
          claim(0, { owner: 'x', limit: 25 }),
          claim(0, { owner: 'y', limit: 25 }),
          claim(0, { owner: 'z', ids }),
        ]);
        const all = [...a!, ...b!, ...c!].map((w) => w.id);
        expect(new Set(all).size).toBe(all.length);
        expect(all.sort()).toEqual(ids);
        for (const spec of await store.findWorks({})) expect(spec.runAttemptCount).toBe(1);
      });
    });

    describe('concludeRun', () => {
      it('is ignored for a wrong owner, a finished work and a deleted work', async () => {
        await enqueue([[oneTime('a'), oneTime('b'), oneTime('c')]]);
        await claim(0);
        const wrong = await conclude('a', success(), 0, OTHER);
        expect(wrong).toMatchObject({ applied: false, unblocked: [], failed: [] });
        expect(await stateOf('a')).toBe('RUNNING');

        await conclude('b', success());
        const again = await conclude('b', failure());
        expect(again.applied).toBe(false);
        expect(await stateOf('b')).toBe('SUCCEEDED');

        await store.cancelWork({ selector: { id: 'c' }, now: 0 });
        await store.pruneWork({});
        const gone = await conclude('c', success());
        expect(gone).toEqual({
          applied: false,
          work: null,
          unblocked: [],
          failed: [],
          claimed: [],
        });

        const unknown = await conclude('nowhere', success());
        expect(unknown.applied).toBe(false);
      });

      it('WW-01 CH-09 success stores the output and unblocks dependents whose prerequisites all succeeded', async () => {
        await enqueue([
          [oneTime('a'), oneTime('b')],
          [oneTime('both', {}, { prerequisites: ['a', 'b'] })],
        ]);
        await enqueue([[oneTime('onlyA', {}, { prerequisites: ['a'] })]]);
        await claim(0);
        const first = await conclude('a', success(Data.from({ x: 1 })), 500);
        expect(first.applied).toBe(true);
        expect(first.unblocked).toEqual(['onlyA']);
        expect(first.work).toMatchObject({ state: 'SUCCEEDED', runOwner: null });
        expect(first.work?.output.get('x')).toBe(1);
        expect(await store.getWork('onlyA')).toMatchObject({
          state: 'ENQUEUED',
          lastEnqueueTime: 500,
          nextRunAt: 500,
        });
        expect(await stateOf('both')).toBe('BLOCKED');
        const second = await conclude('b', success(), 900);
        expect(second.unblocked).toEqual(['both']);
        expect(await store.getWork('both')).toMatchObject({
          state: 'ENQUEUED',
          lastEnqueueTime: 900,
        });
      });

      it('CH-11 failure fails every transitive dependent except CANCELLED ones', async () => {
        await enqueue([
          [oneTime('p')],
          [oneTime('d', {}, { prerequisites: ['p'] }), oneTime('x', {}, { prerequisites: ['p'] })],
          [
            oneTime('dd', {}, { prerequisites: ['d'] }),
            oneTime('xd', {}, { prerequisites: ['x'] }),
          ],
        ]);
        await store.cancelWork({ selector: { id: 'x' }, now: 0 });
        const result = await runTo('p', failure(Data.from({ why: 'no' })));
        expect(result.work).toMatchObject({ state: 'FAILED' });
        expect(result.work?.output.get('why')).toBe('no');
        expect([...result.failed].sort()).toEqual(['d', 'dd']);
        expect(await stateOf('x')).toBe('CANCELLED');
        expect(await stateOf('xd')).toBe('CANCELLED');
        expect(await stateOf('dd')).toBe('FAILED');
      });

      it('TD-15 retry re-enqueues with backoff from now and keeps the attempt count', async () => {
        await enqueue([[oneTime('r', { backoff: { policy: 'LINEAR', delay: { seconds: 20 } } })]]);
        await runTo('r', { kind: 'retry' }, 1_000);
        expect(await store.getWork('r')).toMatchObject({
          state: 'ENQUEUED',
          runAttemptCount: 1,
          lastEnqueueTime: 1_000,
          nextRunAt: 21_000,
          runOwner: null,
        });
        await runTo('r', { kind: 'retry' }, 30_000);
        expect(await store.getWork('r')).toMatchObject({ runAttemptCount: 2, nextRunAt: 70_000 });
      });

      it('PER-01 periodic success or failure starts the next period without storing output', async () => {
        await enqueue([[periodic('p', { repeatInterval: { hours: 1 } })]]);
        await runTo('p', success(Data.from({ x: 1 })), 10);
        expect(await store.getWork('p')).toMatchObject({
          state: 'ENQUEUED',
          runAttemptCount: 0,
          periodCount: 1,
          lastEnqueueTime: 10,
          nextRunAt: 10 + HOUR,
        });
        expect((await store.getWork('p'))?.output.size).toBe(0);
        await runTo('p', failure(), 20);
        expect(await store.getWork('p')).toMatchObject({ state: 'ENQUEUED', periodCount: 2 });
      });

      it('STP-01 an interruption re-enqueues with the stop reason, keeping attempts, enqueue time and progress', async () => {
        await enqueue([[oneTime('i')]], 100);
        await claim(200, { ids: ['i'] });
        await store.setProgress({ id: 'i', owner: OWNER, progress: Data.from({ pct: 50 }) });
        const result = await conclude(
          'i',
          { kind: 'interrupted', stopReason: StopReason.CONSTRAINT_CHARGING },
          300,
        );
        expect(result.applied).toBe(true);
        const stored = await store.getWork('i');
        expect(stored).toMatchObject({
          state: 'ENQUEUED',
          stopReason: StopReason.CONSTRAINT_CHARGING,
          runAttemptCount: 1,
          lastEnqueueTime: 100,
          runOwner: null,
        });
        expect(stored?.progress.get('pct')).toBe(50);
      });
    });

    describe('leases and recovery', () => {
      it('renewLeases extends only the leases the owner still holds', async () => {
        await enqueue([[oneTime('mine'), oneTime('theirs'), oneTime('idle')]]);
        await claim(0, { ids: ['mine'] });
        await claim(0, { ids: ['theirs'], owner: OTHER });
        await store.renewLeases({
          owner: OWNER,
          ids: ['mine', 'theirs', 'idle'],
          leaseExpiresAt: 99_000,
        });
        expect((await store.getWork('mine'))?.leaseExpiresAt).toBe(99_000);
        expect((await store.getWork('theirs'))?.leaseExpiresAt).toBe(30_000);
        expect(await store.getWork('idle')).toMatchObject({ state: 'ENQUEUED', leaseExpiresAt: 0 });
      });

      it('REC-01 recoverRuns without a cutoff returns every RUNNING work to ENQUEUED with UNKNOWN', async () => {
        await enqueue([[oneTime('a'), oneTime('b'), oneTime('c')]], 0);
        await claim(0, { ids: ['a'] });
        await claim(10, { ids: ['b'], owner: OTHER });
        await store.setProgress({ id: 'a', owner: OWNER, progress: Data.from({ pct: 1 }) });
        const recovered = await store.recoverRuns({ now: 100 });
        expect(recovered.sort()).toEqual(['a', 'b']);
        const a = await store.getWork('a');
        expect(a).toMatchObject({
          state: 'ENQUEUED',
          stopReason: StopReason.UNKNOWN,
          runAttemptCount: 1,
          runOwner: null,
          lastEnqueueTime: 0,
        });
        expect(a?.progress.size).toBe(0);
        expect(Number.isFinite(a?.nextRunAt)).toBe(true);
        expect(await stateOf('c')).toBe('ENQUEUED');
      });

      it('recoverRuns with leaseExpiredBefore recovers only expired leases', async () => {
        await enqueue([[oneTime('old'), oneTime('fresh')]]);
        await claim(0, { ids: ['old'] }); // lease until 30 000
        await claim(20_000, { ids: ['fresh'], owner: OTHER }); // lease until 50 000
        expect(await store.recoverRuns({ now: 40_000, leaseExpiredBefore: 40_000 })).toEqual([
          'old',
        ]);
        expect(await stateOf('old')).toBe('ENQUEUED');
        expect(await stateOf('fresh')).toBe('RUNNING');
      });
    });

    describe('cancelWork', () => {
      it('CAN-01 CAN-03 by id cancels the work and its unfinished dependents, even under a SUCCEEDED root', async () => {
        await enqueue([[oneTime('w0')], [oneTime('w1', {}, { prerequisites: ['w0'] })]]);
        await enqueue([[oneTime('other')]]);
        await runTo('w0', success());
        const result = await store.cancelWork({ selector: { id: 'w0' }, now: 0 });
        expect(result).toEqual({ cancelled: ['w1'], stoppedRuns: [] });
        expect(await stateOf('w0')).toBe('SUCCEEDED');
        expect(await stateOf('other')).toBe('ENQUEUED');
        expect(await store.cancelWork({ selector: { id: 'nowhere' }, now: 0 })).toEqual({
          cancelled: [],
          stoppedRuns: [],
        });
      });

      it('STP-09 reports RUNNING works among the cancelled as stopped runs with CANCELLED_BY_APP', async () => {
        await enqueue([[oneTime('run')], [oneTime('dep', {}, { prerequisites: ['run'] })]]);
        await claim(0, { ids: ['run'] });
        const result = await store.cancelWork({ selector: { id: 'run' }, now: 0 });
        expect([...result.cancelled].sort()).toEqual(['dep', 'run']);
        expect(result.stoppedRuns).toEqual(['run']);
        expect(await store.getWork('run')).toMatchObject({
          state: 'CANCELLED',
          stopReason: StopReason.CANCELLED_BY_APP,
          runOwner: null,
        });
        expect((await store.getWork('dep'))?.stopReason).toBe(StopReason.NOT_STOPPED);
        expect((await conclude('run', success())).applied).toBe(false);
      });

      it('CAN-05 by tag cancels tagged unfinished works and their dependents', async () => {
        await enqueue([[oneTime('w0', { tags: ['t'] }), oneTime('w3')]]);
        await enqueue([
          [
            oneTime('w1', {}, { prerequisites: ['w0'] }),
            oneTime('w4', {}, { prerequisites: ['w0'] }),
          ],
        ]);
        await enqueue([[oneTime('w2', {}, { prerequisites: ['w1', 'w3'] })]]);
        const result = await store.cancelWork({ selector: { tag: 't' }, now: 0 });
        expect([...result.cancelled].sort()).toEqual(['w0', 'w1', 'w2', 'w4']);
        expect(await stateOf('w3')).toBe('ENQUEUED');
      });

      it('by unique name cancels only that name (and dependents)', async () => {
        await enqueue([[oneTime('n1', {}, { uniqueName: 'n' })]], 0, { name: 'n', policy: 'KEEP' });
        await enqueue([[oneTime('m1', {}, { uniqueName: 'm' })]], 0, { name: 'm', policy: 'KEEP' });
        const result = await store.cancelWork({ selector: { uniqueName: 'n' }, now: 0 });
        expect(result.cancelled).toEqual(['n1']);
        expect(await stateOf('m1')).toBe('ENQUEUED');
      });

      it('CAN-07 all cancels every unfinished work and records the time', async () => {
        expect(await store.getLastCancelAllTime()).toBe(0);
        await enqueue([[oneTime('w0'), oneTime('w1'), oneTime('w2')]]);
        await runTo('w2', success());
        await claim(0, { ids: ['w1'] });
        const result = await store.cancelWork({ selector: { all: true }, now: 4_242 });
        expect([...result.cancelled].sort()).toEqual(['w0', 'w1']);
        expect(result.stoppedRuns).toEqual(['w1']);
        expect(await stateOf('w2')).toBe('SUCCEEDED');
        expect(await store.getLastCancelAllTime()).toBe(4_242);
      });
    });

    describe('updateWork', () => {
      it('UPD-05 applies immediately to ENQUEUED work, keeping state, attempts and enqueue time', async () => {
        await enqueue(
          [[oneTime('u', { tags: ['previous'], initialDelay: { minutes: 10 } })]],
          1_000,
        );
        const { result, work } = await store.updateWork({
          work: oneTime('u', { tags: ['test'], initialDelay: { minutes: 20 } }),
          now: 5 * 60_000,
        });
        expect(result).toBe('APPLIED_IMMEDIATELY');
        expect(work).toMatchObject({ state: 'ENQUEUED', generation: 1, lastEnqueueTime: 1_000 });
        const stored = await store.getWork('u');
        expect(stored?.nextRunAt).toBe(1_000 + 20 * 60_000);
        expect(stored?.tags).toContain('test');
        expect(stored?.tags).not.toContain('previous');
        expect((await store.findWorks({ tags: ['previous'] })).length).toBe(0);
      });

      it('UPD-13 applies to RUNNING work for the next run', async () => {
        await enqueue([[periodic('p', { repeatInterval: { days: 1 } })]]);
        await claim(0, { ids: ['p'] });
        const { result } = await store.updateWork({
          work: periodic('p', { repeatInterval: { days: 1 }, tags: ['updated'] }),
          now: 0,
        });
        expect(result).toBe('APPLIED_FOR_NEXT_RUN');
        expect(await store.getWork('p')).toMatchObject({
          state: 'RUNNING',
          runOwner: OWNER,
          generation: 1,
        });
      });

      it('UPD-09 keeps a BLOCKED work BLOCKED', async () => {
        await enqueue([[oneTime('s1')], [oneTime('s2', {}, { prerequisites: ['s1'] })]]);
        const { result } = await store.updateWork({
          work: oneTime('s2', { tags: ['updated'] }),
          now: 0,
        });
        expect(result).toBe('APPLIED_IMMEDIATELY');
        expect(await store.getWork('s2')).toMatchObject({
          state: 'BLOCKED',
          prerequisites: ['s1'],
        });
      });

      it('UPD-03 returns NOT_APPLIED for finished work and changes nothing', async () => {
        await enqueue([[oneTime('f')]]);
        await runTo('f', success());
        const before = await store.getWork('f');
        const { result } = await store.updateWork({ work: oneTime('f', { tags: ['x'] }), now: 0 });
        expect(result).toBe('NOT_APPLIED');
        expect(await store.getWork('f')).toEqual(before);
      });

      it('rejects an unknown id with WORK_NOT_FOUND and a type change with UNSUPPORTED_OPERATION', async () => {
        await expect(store.updateWork({ work: oneTime('nowhere'), now: 0 })).rejects.toMatchObject({
          code: 'WORK_NOT_FOUND',
        });
        await enqueue([[oneTime('o')]]);
        const before = await snapshot();
        await expect(
          store.updateWork({ work: periodic('o', { repeatInterval: { hours: 1 } }), now: 0 }),
        ).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('setProgress', () => {
      it('stores progress only for the owner of a live run', async () => {
        await enqueue([[oneTime('a'), oneTime('idle')]]);
        await claim(0, { ids: ['a'] });
        const progress = Data.from({ pct: 10 });
        expect(await store.setProgress({ id: 'a', owner: OWNER, progress })).toBe('STORED');
        expect((await store.getWork('a'))?.progress.get('pct')).toBe(10);
        expect(await store.setProgress({ id: 'a', owner: OTHER, progress })).toBe('IGNORED');
        expect(await store.setProgress({ id: 'idle', owner: OWNER, progress })).toBe('IGNORED');
        expect((await store.getWork('idle'))?.progress.size).toBe(0);
        expect(await store.setProgress({ id: 'nowhere', owner: OWNER, progress })).toBe(
          'NOT_FOUND',
        );
        await conclude('a', success());
        expect((await store.getWork('a'))?.progress.size).toBe(0);
      });
    });

    describe('pruneWork', () => {
      it('PRN-01 deletes finished works without unfinished dependents, ignoring retention', async () => {
        await enqueue([
          [
            oneTime('f'),
            oneTime('g'),
            oneTime('k', { keepResultsForAtLeast: { days: 999 } }),
            oneTime('open'),
          ],
        ]);
        await enqueue([[oneTime('e', {}, { prerequisites: ['g', 'open'] })]]);
        for (const id of ['f', 'g', 'k']) await runTo(id, success());
        const pruned = await store.pruneWork({});
        expect([...pruned].sort()).toEqual(['f', 'k']);
        expect(await store.getWork('f')).toBeNull();
        expect(await stateOf('g')).toBe('SUCCEEDED');
        expect(await stateOf('e')).toBe('BLOCKED');
      });

      it('PRN-03 with a retention cutoff deletes only works enqueued before it (minus retention)', async () => {
        await enqueue([[oneTime('w0')], [oneTime('w1', {}, { prerequisites: ['w0'] })]], 0);
        await runTo('w0', success(), 10);
        await runTo('w1', success(), 20);
        await enqueue([[oneTime('w2', {}, { prerequisites: ['w1'] })]], 30);
        await enqueue([[oneTime('kept', { keepResultsForAtLeast: { hours: 1 } })]], 0);
        await runTo('kept', success(), 40);
        await enqueue([[oneTime('recent')]], 5_000);
        await runTo('recent', success(), 5_000);
        const pruned = await store.pruneWork({ retentionCutoff: 1_000 });
        expect(pruned).toEqual(['w0']);
        expect(await stateOf('w1')).toBe('SUCCEEDED');
        expect(await stateOf('kept')).toBe('SUCCEEDED');
        expect(await stateOf('recent')).toBe('SUCCEEDED');
        expect(await stateOf('w2')).toBe('ENQUEUED');
      });
    });

    describe('reads', () => {
      it('QRY-03 QRY-07 findWorks ANDs components and ORs values, in insertion order', async () => {
        await enqueue([
          [
            oneTime('w0', { tags: ['first', 'second'] }),
            oneTime('w1', { tags: ['first'] }),
            oneTime('w2', { tags: ['second'] }),
          ],
        ]);
        await claim(0, { ids: ['w0'] });
        const ids = async (selector: Parameters<WorkStore['findWorks']>[0]) =>
          (await store.findWorks(selector)).map((w) => w.id);
        expect(await ids({ tags: ['first'] })).toEqual(['w0', 'w1']);
        expect(await ids({ tags: ['first', 'second'] })).toEqual(['w0', 'w1', 'w2']);
        expect(await ids({ tags: ['first'], states: ['ENQUEUED'] })).toEqual(['w1']);
        expect(await ids({ ids: ['w0', 'w2'], tags: ['first'] })).toEqual(['w0']);
        expect(await ids({ tags: ['dummy'] })).toEqual([]);
        expect(await ids({})).toEqual(['w0', 'w1', 'w2']);
      });

      it('nextDueTime is the earliest due time the conditions allow, Infinity when none', async () => {
        expect(await store.nextDueTime(ALL_CONDITIONS_MET)).toBe(Number.POSITIVE_INFINITY);
        await enqueue([
          [
            oneTime('charge', { initialDelay: 100, constraints: { requiresCharging: true } }),
            oneTime('later', { initialDelay: 500 }),
          ],
          [oneTime('blocked', {}, { prerequisites: ['later'] })],
        ]);
        expect(await store.nextDueTime(ALL_CONDITIONS_MET)).toBe(100);
        expect(await store.nextDueTime(UNPLUGGED_OFFLINE)).toBe(500);
        await claim(1_000, { ids: ['later'] });
        expect(await store.nextDueTime(UNPLUGGED_OFFLINE)).toBe(Number.POSITIVE_INFINITY);
      });
    });
  });
}
