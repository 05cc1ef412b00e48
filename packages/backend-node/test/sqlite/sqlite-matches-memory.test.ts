import {
  Data,
  type DeviceConditions,
  memoryTransactionRunner,
  type NetworkType,
  WORK_STATES,
  type WorkPatch,
  type WorkSelector,
  type WorkSpec,
  type WorkState,
  type WorkTransaction,
  type WorkTransactionRunner,
} from '@workmanager-ts/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SqliteTransactionRunner,
  sqliteTransactionRunner,
} from '../../src/sqlite/sqlite-transaction-runner.js';
import { sqliteTestFolder, testWorkSpec } from './sqlite-test-database.js';

// Differential test: random works, patches and deletions applied to the SQLite runner and to
// the core's in-memory reference runner must read back the same through every query.

const NETWORK_TYPES: NetworkType[] = [
  'NOT_REQUIRED',
  'CONNECTED',
  'UNMETERED',
  'NOT_ROAMING',
  'METERED',
  'TEMPORARILY_UNMETERED',
];
const TAGS = ['a', 'b', 'c', 'd'];
const NAMES = ['n1', 'n2', 'n3'];
const OWNERS = ['o1', 'o2'];
const IDS = Array.from({ length: 12 }, (_, i) => `w${i}`);

const time = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(Number.POSITIVE_INFINITY));
const state = fc.constantFrom<WorkState>(...WORK_STATES);
const constraints = fc.record({
  requiredNetworkType: fc.constantFrom(...NETWORK_TYPES),
  requiresCharging: fc.boolean(),
  requiresBatteryNotLow: fc.boolean(),
  requiresDeviceIdle: fc.boolean(),
  requiresStorageNotLow: fc.boolean(),
});
const patch: fc.Arbitrary<WorkPatch> = fc.record(
  {
    state,
    nextRunAt: time,
    constraints,
    tags: fc.uniqueArray(fc.constantFrom(...TAGS)),
    uniqueName: fc.option(fc.constantFrom(...NAMES)),
    runOwner: fc.option(fc.constantFrom(...OWNERS)),
    leaseExpiresAt: fc.integer({ min: 0, max: 50 }),
    generation: fc.nat(5),
    output: fc.dictionary(fc.constantFrom('x', 'y'), fc.integer()).map((o) => Data.from(o)),
  },
  { requiredKeys: [] },
);
const conditions: fc.Arbitrary<DeviceConditions> = fc.record({
  networkTypes: fc.subarray(NETWORK_TYPES),
  charging: fc.boolean(),
  batteryNotLow: fc.boolean(),
  deviceIdle: fc.boolean(),
  storageNotLow: fc.boolean(),
});
const selector: fc.Arbitrary<WorkSelector> = fc.record(
  {
    ids: fc.subarray(IDS),
    tags: fc.subarray(TAGS),
    uniqueNames: fc.subarray(NAMES),
    states: fc.subarray([...WORK_STATES]),
  },
  { requiredKeys: [] },
);

type Command = { kind: 'update'; id: string; patch: WorkPatch } | { kind: 'delete'; id: string };
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), id: fc.constantFrom(...IDS), patch }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }),
);

/** Works w0..wN, each depending on some earlier ones, so every prerequisite exists. */
const works: fc.Arbitrary<WorkSpec[]> = fc
  .array(
    fc.record({
      patch,
      prerequisites: fc.uniqueArray(fc.nat(IDS.length - 1), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: IDS.length },
  )
  .map((list) =>
    list.map(({ patch: p, prerequisites }, i) =>
      testWorkSpec(IDS[i]!, {
        ...p,
        prerequisites: prerequisites.filter((n) => n < i).map((n) => IDS[n]!),
      }),
    ),
  );

/** Every read of the port, as plain data. */
function readAll(
  tx: WorkTransaction,
  q: {
    now: number;
    limit: number;
    conditions: DeviceConditions;
    selector: WorkSelector;
    lease: number;
  },
) {
  const plain = (specs: readonly WorkSpec[]) =>
    specs.map((s) => ({
      ...s,
      input: s.input.toObject(),
      output: s.output.toObject(),
      progress: s.progress.toObject(),
    }));
  return {
    all: plain(tx.findWorks({})),
    selected: plain(tx.findWorks(q.selector)),
    due: plain(tx.findDueWork({ now: q.now, limit: q.limit, conditions: q.conditions })),
    next: tx.nextDueTime(q.conditions),
    running: plain(tx.findRunning({})),
    expired: plain(tx.findRunning({ leaseExpiredBefore: q.lease })),
    dependents: IDS.map((id) => tx.getDependentIds(id)),
  };
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => `rejected ${e.code}`,
  );

describe('SQLite runner matches the in-memory reference runner', () => {
  let folder: ReturnType<typeof sqliteTestFolder>;
  let sqlite: SqliteTransactionRunner;
  beforeAll(() => {
    folder = sqliteTestFolder();
    sqlite = sqliteTransactionRunner({ filename: folder.file(), durability: 'normal' });
  });
  afterAll(async () => {
    await sqlite.close();
    folder.remove();
  });

  it('reads the same after random inserts, patches and deletions', async () => {
    await fc.assert(
      fc.asyncProperty(
        works,
        fc.array(command, { maxLength: 15 }),
        fc.record({
          now: fc.integer({ min: 0, max: 60 }),
          limit: fc.integer({ min: 0, max: 15 }),
          conditions,
          selector,
          lease: fc.integer({ min: 0, max: 60 }),
        }),
        async (specs, commands, query) => {
          await sqlite.transact((tx) => {
            for (const w of tx.findWorks({})) tx.deleteWork(w.id);
          });
          const memory = memoryTransactionRunner();
          const runners: WorkTransactionRunner[] = [sqlite, memory];
          for (const runner of runners) {
            await runner.transact((tx) => {
              for (const s of specs) tx.insertWork(s);
            });
          }
          for (const c of commands) {
            const [a, b] = await Promise.all(
              runners.map((runner) =>
                outcome(
                  runner.transact((tx) =>
                    c.kind === 'update' ? tx.updateWork(c.id, c.patch) : tx.deleteWork(c.id),
                  ),
                ),
              ),
            );
            expect(a).toBe(b);
          }
          const [fromSqlite, fromMemory] = await Promise.all(
            runners.map((runner) => runner.transact((tx) => readAll(tx, query))),
          );
          expect(fromSqlite).toEqual(fromMemory);
        },
      ),
      { numRuns: 60 },
    );
  });
});
