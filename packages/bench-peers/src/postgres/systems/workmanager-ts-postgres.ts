import { type PostgresWorkStore, postgresStore } from '@workmanager-ts/backend-postgres';
import {
  createWorkManager,
  OneTimeWorkRequest,
  Result,
  silentLogger,
  type WorkManager,
  type WorkRequest,
  type WorkSpec,
  workSpecFromRequest,
} from '@workmanager-ts/core';
import type { PostgresQueueSystem, QueueProducer } from '../postgres-queue-system.js';

/** Connections of each store's pool, in the runner and in every worker process. */
export const WORKMANAGER_POOL_SIZE = 10;

function templateOf(request: WorkRequest): WorkSpec {
  return workSpecFromRequest(request, { prerequisites: [], uniqueName: null });
}

function openStore(connectionString: string, schema: string, poolSize: number): PostgresWorkStore {
  return postgresStore({ connectionString, schema, poolSize, logger: silentLogger });
}

/** Counts this schema's works in the given states. */
async function countInStates(store: PostgresWorkStore, states: readonly string[]): Promise<number> {
  const { rows } = await store.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${store.schema}".works WHERE state = ANY($1)`,
    [states],
  );
  return rows[0]?.n ?? 0;
}

/**
 * This project's engine (`createWorkManager`) on its PostgreSQL store: one engine per worker
 * process with `maxConcurrency` slots, leases, LISTEN/NOTIFY wake-ups and the default poll.
 * The producer stores works through the store's `enqueueWork`, the port `WorkManager.enqueue`
 * writes through, without an engine of its own (which would run the works itself).
 */
export const workmanagerTsPostgres: PostgresQueueSystem = {
  id: 'workmanager-ts',
  label: 'workmanager-ts (backend-postgres)',
  // Woken by LISTEN/NOTIFY; the jitter still spans a fifth of the 250 ms poll.
  latencySampling: { jitterMs: 50, maxSamples: Number.POSITIVE_INFINITY },
  settings: (concurrency) =>
    `createWorkManager per process, maxConcurrency ${concurrency}, leaseMillis 30 000, pollIntervalMillis 250 (defaults), LISTEN/NOTIFY; a finished run claims the next due work in its own transaction; pool ${WORKMANAGER_POOL_SIZE}`,

  async openProducer(connectionString, schema): Promise<QueueProducer> {
    const store = openStore(connectionString, schema, 4);
    await store.ready();
    const enqueue = (works: WorkSpec[]) =>
      store.enqueueWork({ now: Date.now(), levels: [{ works }] });
    return {
      async fill(n, batch) {
        for (let i = 0; i < n; i += batch)
          await enqueue(
            Array.from({ length: Math.min(batch, n - i) }, () =>
              templateOf(OneTimeWorkRequest.from('noop')),
            ),
          );
      },
      async enqueueOne(at) {
        await enqueue([templateOf(OneTimeWorkRequest.from('noop', { input: { at } }))]);
      },
      async drained() {
        const { rows } = await store.pool.query<{ busy: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM "${schema}".works WHERE state = 'ENQUEUED') OR ` +
            `EXISTS (SELECT 1 FROM "${schema}".works WHERE state = 'RUNNING') AS busy`,
        );
        return rows[0]?.busy === false;
      },
      unfinished: () => countInStates(store, ['ENQUEUED', 'RUNNING']),
      async verifyCompleted(n) {
        const succeeded = await countInStates(store, ['SUCCEEDED']);
        if (succeeded !== n)
          throw new Error(`workmanager-ts: ${succeeded} of ${n} works succeeded`);
      },
      close: () => store.close(),
    };
  },

  async prepareWorker(connectionString, schema, { concurrency, onRun }) {
    const store = openStore(connectionString, schema, WORKMANAGER_POOL_SIZE);
    await store.ready();
    let wm: WorkManager | null = null;
    return {
      async start() {
        wm = await createWorkManager({
          store,
          workers: {
            noop: (ctx) => {
              const at = ctx.inputData.get('at');
              onRun(typeof at === 'number' ? at : undefined);
              return Result.success();
            },
          },
          config: { maxConcurrency: concurrency, logger: silentLogger },
        });
      },
      async stop() {
        await wm?.close();
        await store.close();
      },
    };
  },
};
