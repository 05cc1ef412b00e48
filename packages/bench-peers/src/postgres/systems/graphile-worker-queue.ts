import { Logger, makeWorkerUtils, type Runner, run } from 'graphile-worker';
import { versionOf } from '../../system-catalog.js';
import type { PostgresQueueSystem, QueueProducer } from '../postgres-queue-system.js';

/** Connections of each runner's pool (as our store's). */
const POOL_SIZE = 10;
/** graphile-worker's fallback poll (its default); new jobs wake it through LISTEN/NOTIFY. */
const POLL_INTERVAL_MS = 2_000;
/** Completions batched within this delay (0: the same tick), graphile-worker's batching path. */
const COMPLETE_JOB_BATCH_DELAY_MS = 0;

const silent = new Logger(() => () => {});

/** Jobs fetched and locked ahead per process: its documented starting point, concurrency + 1. */
function localQueueSize(concurrency: number): number {
  return concurrency + 1;
}

/**
 * graphile-worker: one `run()` runner per process with `concurrency` jobs at once, its local
 * queue (batch fetch) and batched completions, as its performance guide recommends for
 * throughput.
 */
export const graphileWorkerQueue: PostgresQueueSystem = {
  id: 'graphile-worker',
  label: `graphile-worker ${versionOf('graphile-worker')}`,
  // Woken by LISTEN/NOTIFY, as ours.
  latencySampling: { jitterMs: 50, maxSamples: Number.POSITIVE_INFINITY },
  settings: (concurrency) =>
    `run() per process, concurrency ${concurrency}, localQueue.size ${localQueueSize(concurrency)}, completeJobBatchDelay ${COMPLETE_JOB_BATCH_DELAY_MS} ms, pollInterval ${POLL_INTERVAL_MS} ms (default) with LISTEN/NOTIFY; maxPoolSize ${POOL_SIZE}`,

  async openProducer(connectionString, schema): Promise<QueueProducer> {
    const utils = await makeWorkerUtils({ connectionString, schema, logger: silent });
    await utils.migrate();
    const jobsLeft = () =>
      utils.withPgClient(async (client) => {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${schema}"._private_jobs`,
        );
        return rows[0]?.n ?? 0;
      });
    let added = 0;
    return {
      async fill(n, batch) {
        for (let i = 0; i < n; i += batch) {
          const size = Math.min(batch, n - i);
          await utils.addJobs(
            Array.from({ length: size }, () => ({ identifier: 'noop', payload: {} })),
          );
          added += size;
        }
      },
      async enqueueOne(at) {
        await utils.addJob('noop', { at });
        added++;
      },
      drained: () =>
        utils.withPgClient(async (client) => {
          const { rows } = await client.query<{ busy: boolean }>(
            `SELECT EXISTS (SELECT 1 FROM "${schema}"._private_jobs) AS busy`,
          );
          return rows[0]?.busy === false;
        }),
      unfinished: jobsLeft,
      async verifyCompleted(n) {
        // A completed job is deleted; a failed one stays with its error.
        const left = await jobsLeft();
        if (added !== n || left !== 0)
          throw new Error(`graphile-worker: ${added} jobs added, ${left} left of ${n}`);
      },
      close: async () => {
        await utils.release();
      },
    };
  },

  async prepareWorker(connectionString, schema, { concurrency, onRun }) {
    let runner: Runner | null = null;
    return {
      async start() {
        runner = await run({
          connectionString,
          schema,
          concurrency,
          maxPoolSize: POOL_SIZE,
          pollInterval: POLL_INTERVAL_MS,
          noHandleSignals: true,
          logger: silent,
          preset: {
            worker: {
              localQueue: { size: localQueueSize(concurrency) },
              completeJobBatchDelay: COMPLETE_JOB_BATCH_DELAY_MS,
            },
          },
          taskList: {
            noop: (payload) => {
              const at = (payload as { at?: unknown } | null)?.at;
              onRun(typeof at === 'number' ? at : undefined);
            },
          },
        });
      },
      async stop() {
        await runner?.stop();
      },
    };
  },
};
