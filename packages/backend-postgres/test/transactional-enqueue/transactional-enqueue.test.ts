import {
  createWorkManager,
  isWorkError,
  OneTimeWorkRequest,
  Result,
  silentLogger,
  type WorkerContext,
  type WorkManager,
} from '@workmanager-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PostgresWorkStore, postgresStore } from '../../src/index.js';
import { dropSchema, freshSchema, TEST_POSTGRES_URL } from '../postgres-test-server.js';

/** Enqueue inside the application's own pg transaction (issue 8, item 2). */
describe('PostgreSQL: enqueue inside the application transaction', () => {
  let schema: string;
  let appStore: PostgresWorkStore;
  let runnerStore: PostgresWorkStore;
  let app: WorkManager;
  let runner: WorkManager;
  const ran: string[] = [];

  beforeEach(async () => {
    schema = freshSchema();
    const open = () =>
      postgresStore({
        connectionString: TEST_POSTGRES_URL,
        schema,
        poolSize: 4,
        logger: silentLogger,
      });
    appStore = open();
    runnerStore = open();
    await appStore.ready();
    await runnerStore.ready();
    await appStore.pool.query(`CREATE TABLE "${schema}".orders (id text PRIMARY KEY)`);
    // Two processes (store instances) with the same worker; their polls are an hour apart,
    // so only a wake-up sent at commit (NOTIFY) can start committed work quickly.
    const sendReceipt = async (ctx: WorkerContext) => {
      ran.push(String(ctx.inputData.get('order')));
      return Result.success();
    };
    const config = { logger: silentLogger, pollIntervalMillis: 3_600_000 };
    app = await createWorkManager({
      store: appStore,
      workers: { SendReceipt: sendReceipt },
      config,
    });
    runner = await createWorkManager({
      store: runnerStore,
      workers: { SendReceipt: sendReceipt },
      config,
    });
  });

  afterEach(async () => {
    await app.close();
    await runner.close();
    await appStore.close();
    await runnerStore.close();
    await dropSchema(schema);
    ran.length = 0;
  });

  /** Polls the store until the work SUCCEEDED (5 s at most, half the 10 s housekeeping period). */
  const finished = async (id: string): Promise<void> => {
    const deadline = Date.now() + 5_000;
    while ((await runnerStore.getWork(id))?.state !== 'SUCCEEDED') {
      if (Date.now() > deadline) throw new Error(`Work ${id} did not succeed within 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('commits with the application change, and the commit wakes the engines to run it', async () => {
    const client = await appStore.pool.connect();
    const request = OneTimeWorkRequest.from('SendReceipt', { input: { order: 'o-1' } });
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".orders VALUES ('o-1')`);
      await app.inTransaction(client).enqueue(request);
      // Not visible outside the transaction before it commits.
      expect(await runner.getWorkInfoById(request.id)).toBeNull();
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await finished(request.id);
    expect(ran).toEqual(['o-1']);
  });

  it('rolls back with the application change: no work, nothing runs', async () => {
    const client = await appStore.pool.connect();
    const request = OneTimeWorkRequest.from('SendReceipt', { input: { order: 'o-2' } });
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".orders VALUES ('o-2')`);
      await app.inTransaction(client).beginWith(request).enqueue();
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await app.getWorkInfoById(request.id)).toBeNull();
    const { rows } = await appStore.pool.query(`SELECT count(*)::int AS n FROM "${schema}".orders`);
    expect(rows[0].n).toBe(0);
    // A committed enqueue afterwards runs, so the runner was awake and saw nothing else.
    const later = OneTimeWorkRequest.from('SendReceipt', { input: { order: 'o-3' } });
    await app.enqueue(later);
    await finished(later.id);
    expect(ran).toEqual(['o-3']);
  });

  it('unique work and chains join the transaction too', async () => {
    const client = await appStore.pool.connect();
    const first = OneTimeWorkRequest.from('SendReceipt', { input: { order: 'a' } });
    const second = OneTimeWorkRequest.from('SendReceipt', { input: { order: 'b' } });
    try {
      await client.query('BEGIN');
      await app
        .inTransaction(client)
        .beginUniqueWork('receipts', 'APPEND', first)
        .then(second)
        .enqueue();
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await finished(second.id);
    expect(ran).toEqual(['a', 'b']);
  });

  it('rejects what is not a client, before anything is written', async () => {
    const request = OneTimeWorkRequest.from('SendReceipt');
    await expect(app.inTransaction({}).enqueue(request)).rejects.toSatisfy((e) =>
      isWorkError(e, 'INVALID_REQUEST'),
    );
    expect(await app.getWorkInfoById(request.id)).toBeNull();
  });
});
