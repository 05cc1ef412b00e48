import {
  ALL_CONDITIONS_MET,
  Data,
  silentLogger,
  type WorkSpec,
  type WorkStore,
} from '@workmanager-ts/core';
import { workSpecFixture } from '@workmanager-ts/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PostgresWorkStore, postgresStore } from '../../src/index.js';
import { dropSchema, freshSchema, TEST_POSTGRES_URL } from '../postgres-test-server.js';

/**
 * Several store instances (as several processes would have) on one schema, racing. Each
 * instance has its own pool, so the calls really run at once on different connections.
 */
describe('PostgreSQL: concurrent store instances on one schema', () => {
  let schema: string;
  let stores: PostgresWorkStore[];

  beforeEach(async () => {
    schema = freshSchema();
    stores = Array.from({ length: 4 }, () =>
      postgresStore({
        connectionString: TEST_POSTGRES_URL,
        schema,
        poolSize: 8,
        logger: silentLogger,
      }),
    );
    for (const store of stores) await store.ready();
  });

  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await dropSchema(schema);
  });

  const claimAll = (store: WorkStore, owner: string, now = 0) =>
    store.claimWork({
      now,
      owner,
      leaseExpiresAt: 1e13,
      limit: 1_000,
      conditions: ALL_CONDITIONS_MET,
    });
  const succeed = (store: WorkStore, id: string, owner: string) =>
    store.concludeRun({ id, owner, now: 1, outcome: { kind: 'success', output: Data.EMPTY } });

  it('never claims a work twice: four instances claiming at once get disjoint sets covering all', async () => {
    const works = Array.from({ length: 400 }, (_, i) => workSpecFixture(`w${i}`));
    await stores[0]!.enqueueWork({ now: 0, levels: [{ works }] });
    const claimed: WorkSpec[][] = await Promise.all(
      stores.flatMap((store, s) =>
        Array.from({ length: 5 }, (_, k) =>
          store.claimWork({
            now: 0,
            owner: `owner-${s}-${k}`,
            leaseExpiresAt: 1e13,
            limit: 25,
            conditions: ALL_CONDITIONS_MET,
          }),
        ),
      ),
    );
    const ids = claimed.flat().map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(400);
  });

  it('a dependent of two prerequisites concluding at once on two instances is unblocked exactly once', async () => {
    for (let round = 0; round < 20; round++) {
      const a = workSpecFixture(`a${round}`);
      const b = workSpecFixture(`b${round}`);
      const d = workSpecFixture(`d${round}`, { prerequisites: [a.id, b.id] });
      await stores[0]!.enqueueWork({ now: 0, levels: [{ works: [a, b] }, { works: [d] }] });
      await stores[1]!.claimWork({
        now: 0,
        owner: 'x',
        leaseExpiresAt: 1e13,
        limit: 2,
        conditions: ALL_CONDITIONS_MET,
        ids: [a.id, b.id],
      });
      const [ra, rb] = await Promise.all([
        succeed(stores[2]!, a.id, 'x'),
        succeed(stores[3]!, b.id, 'x'),
      ]);
      // Exactly one of the two conclusions saw the other prerequisite SUCCEEDED.
      expect([...ra.unblocked, ...rb.unblocked]).toEqual([d.id]);
      expect((await stores[0]!.getWork(d.id))?.state).toBe('ENQUEUED');
    }
  });

  it('a dependent enqueued while its prerequisite concludes is never left BLOCKED', async () => {
    for (let round = 0; round < 20; round++) {
      const p = workSpecFixture(`p${round}`);
      await stores[0]!.enqueueWork({ now: 0, levels: [{ works: [p] }] });
      await claimAll(stores[0]!, 'x');
      const d = workSpecFixture(`d${round}`, { prerequisites: [p.id] });
      await Promise.all([
        succeed(stores[1]!, p.id, 'x'),
        stores[2]!.enqueueWork({ now: 0, levels: [{ works: [d] }] }),
      ]);
      expect((await stores[0]!.getWork(d.id))?.state).toBe('ENQUEUED');
    }
  });

  it('unique work under KEEP enqueued by four instances at once keeps exactly one', async () => {
    for (let round = 0; round < 10; round++) {
      const name = `sync-${round}`;
      await Promise.all(
        stores.map((store, s) =>
          store.enqueueWork({
            now: 0,
            levels: [{ works: [workSpecFixture(`u${round}-${s}`, { uniqueName: name })] }],
            unique: { name, policy: 'KEEP' },
          }),
        ),
      );
      expect(await stores[0]!.findWorks({ uniqueNames: [name] })).toHaveLength(1);
    }
  });

  it('APPEND by four instances at once builds one chain: each new work depends on the previous leaf', async () => {
    const name = 'chain';
    await Promise.all(
      stores.map((store, s) =>
        store.enqueueWork({
          now: 0,
          levels: [{ works: [workSpecFixture(`c${s}`, { uniqueName: name })] }],
          unique: { name, policy: 'APPEND' },
        }),
      ),
    );
    const members = await stores[0]!.findWorks({ uniqueNames: [name] });
    expect(members).toHaveLength(4);
    const roots = members.filter((m) => m.prerequisites.length === 0);
    expect(roots).toHaveLength(1);
    // A single line: every member but the root depends on exactly one other member.
    const dependedOn = new Set(members.flatMap((m) => m.prerequisites));
    expect(dependedOn.size).toBe(3);
    expect(members.filter((m) => !dependedOn.has(m.id))).toHaveLength(1);
  });

  it('recovery by several instances at once returns each expired run to ENQUEUED once', async () => {
    const works = Array.from({ length: 100 }, (_, i) => workSpecFixture(`r${i}`));
    await stores[0]!.enqueueWork({ now: 0, levels: [{ works }] });
    await stores[0]!.claimWork({
      now: 0,
      owner: 'dead',
      leaseExpiresAt: 100,
      limit: 100,
      conditions: ALL_CONDITIONS_MET,
    });
    const recovered = await Promise.all(
      stores.map((store) => store.recoverRuns({ now: 200, leaseExpiredBefore: 200 })),
    );
    const ids = recovered.flat();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(100);
    const states = await stores[0]!.findWorks({ states: ['ENQUEUED'] });
    expect(states).toHaveLength(100);
    expect(states.every((w) => w.runAttemptCount === 1)).toBe(true);
  });
});
