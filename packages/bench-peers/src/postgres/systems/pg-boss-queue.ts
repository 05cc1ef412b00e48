import PgBoss from 'pg-boss';
import { versionOf } from '../../system-catalog.js';
import { PG_BOSS_BATCH, PG_BOSS_POLL_SECONDS } from '../../systems/pg-boss-postgres.js';
import type { PostgresQueueSystem, QueueProducer } from '../postgres-queue-system.js';

/** The one queue every pg-boss job of the benchmark goes to. */
const QUEUE = 'bench';
/** Connections of each pg-boss instance's pool (as our store's). */
const POOL_SIZE = 10;

function newBoss(connectionString: string, schema: string): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema,
    supervise: false,
    schedule: false,
    max: POOL_SIZE,
  });
  boss.on('error', () => {});
  return boss;
}

async function countRows(boss: PgBoss, schema: string, where: string): Promise<number> {
  const { rows } = (await boss
    .getDb()
    .executeSql(`SELECT count(*)::int AS n FROM "${schema}".job WHERE name = $1 AND ${where}`, [
      QUEUE,
    ])) as { rows: { n: number }[] };
  return rows[0]?.n ?? 0;
}

/**
 * pg-boss 10 as the SQLite-era peers bench drives it: concurrency N is N `work()` loops per
 * process, each fetching up to `PG_BOSS_BATCH` jobs per poll and completing them together.
 */
export const pgBossQueue: PostgresQueueSystem = {
  id: 'pg-boss',
  label: `pg-boss ${versionOf('pg-boss')}`,
  // Found only by polling: adds spread over a whole poll interval; fewer samples fit in time.
  latencySampling: { jitterMs: PG_BOSS_POLL_SECONDS * 1000, maxSamples: 60 },
  settings: (concurrency) =>
    `${concurrency} work() loops per process, batchSize ${PG_BOSS_BATCH} (a batch completes in one statement), pollingIntervalSeconds ${PG_BOSS_POLL_SECONDS} (its minimum; pg-boss 10 has no LISTEN/NOTIFY); pool ${POOL_SIZE}`,

  async openProducer(connectionString, schema): Promise<QueueProducer> {
    const boss = newBoss(connectionString, schema);
    await boss.start();
    await boss.createQueue(QUEUE);
    return {
      async fill(n, batch) {
        for (let i = 0; i < n; i += batch)
          await boss.insert(
            Array.from({ length: Math.min(batch, n - i) }, () => ({ name: QUEUE, data: {} })),
          );
      },
      async enqueueOne(at) {
        await boss.send(QUEUE, { at });
      },
      async drained() {
        const { rows } = (await boss
          .getDb()
          .executeSql(
            `SELECT EXISTS (SELECT 1 FROM "${schema}".job WHERE name = $1 AND state < 'completed') AS busy`,
            [QUEUE],
          )) as { rows: { busy: boolean }[] };
        return rows[0]?.busy === false;
      },
      unfinished: () => countRows(boss, schema, `state < 'completed'`),
      async verifyCompleted(n) {
        const completed = await countRows(boss, schema, `state = 'completed'`);
        if (completed !== n) throw new Error(`pg-boss: ${completed} of ${n} jobs completed`);
      },
      close: () => boss.stop({ graceful: false, wait: true }),
    };
  },

  async prepareWorker(connectionString, schema, { concurrency, onRun }) {
    const boss = newBoss(connectionString, schema);
    await boss.start();
    return {
      async start() {
        for (let i = 0; i < concurrency; i++)
          await boss.work<{ at?: number }>(
            QUEUE,
            { batchSize: PG_BOSS_BATCH, pollingIntervalSeconds: PG_BOSS_POLL_SECONDS },
            async (jobs) => {
              for (const job of jobs) onRun(job.data.at);
            },
          );
      },
      async stop() {
        await boss.stop({ graceful: true, wait: true });
      },
    };
  },
};
