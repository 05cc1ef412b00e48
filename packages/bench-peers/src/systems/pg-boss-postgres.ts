import PgBoss from 'pg-boss';
import type { BenchSystem, LatencyResult } from '../bench-system.js';
import { Countdown, pause } from '../countdown.js';
import { quantile, ratePerSecond } from '../statistics.js';

/** The schema pg-boss keeps its tables in here; dropped by the runner at the end. */
export const PG_BOSS_SCHEMA = 'wmbench_pgboss';
/** pg-boss's smallest polling interval (it refuses less than 0.5 s). */
export const PG_BOSS_POLL_SECONDS = 0.5;
/** Jobs fetched per worker poll: pg-boss's documented way to high throughput. */
export const PG_BOSS_BATCH = Number(process.env.BENCH_PGBOSS_BATCH ?? 100);
/** pg-boss counts retry delays in whole seconds: its shortest fixed backoff is 1 s. */
const RETRY_DELAY_SECONDS = 1;

/**
 * pg-boss 10 on PostgreSQL. Concurrency N is N `work()` loops, each fetching up to
 * `PG_BOSS_BATCH` jobs per poll. No dependencies between jobs.
 */
export function pgBossPostgres(connectionString: string): BenchSystem {
  let bossPromise: Promise<PgBoss> | null = null;
  let seq = 0;

  function boss(): Promise<PgBoss> {
    bossPromise ??= (async () => {
      const b = new PgBoss({
        connectionString,
        schema: PG_BOSS_SCHEMA,
        supervise: false,
        schedule: false,
        max: 12,
      });
      b.on('error', () => {});
      await b.start();
      return b;
    })();
    return bossPromise;
  }

  async function withQueue<T>(body: (b: PgBoss, name: string) => Promise<T>): Promise<T> {
    const b = await boss();
    const name = `q${process.pid}_${seq++}`;
    await b.createQueue(name);
    try {
      return await body(b, name);
    } finally {
      // Queues are left in place (deleteQueue trips over its own partition's foreign key);
      // the runner drops the whole schema at the end.
      await b.offWork(name);
    }
  }

  /** Waits until no job of the queue is left unfinished (the last completions are stored). */
  async function drained(b: PgBoss, name: string): Promise<void> {
    const db = b.getDb();
    for (;;) {
      const { rows } = (await db.executeSql(
        `SELECT count(*)::int AS n FROM ${PG_BOSS_SCHEMA}.job WHERE name = $1 AND state < 'completed'`,
        [name],
      )) as { rows: { n: number }[] };
      if (rows[0]?.n === 0) return;
      await pause(10);
    }
  }

  async function fill(b: PgBoss, name: string, n: number, batch: number, opts = {}) {
    for (let i = 0; i < n; i += batch)
      await b.insert(
        Array.from({ length: Math.min(batch, n - i) }, () => ({ name, data: {}, ...opts })),
      );
  }

  async function work(
    b: PgBoss,
    name: string,
    concurrency: number,
    handler: (jobs: PgBoss.JobWithMetadata[]) => Promise<void>,
    batchSize = PG_BOSS_BATCH,
  ): Promise<void> {
    for (let i = 0; i < concurrency; i++)
      await b.work(
        name,
        { batchSize, pollingIntervalSeconds: PG_BOSS_POLL_SECONDS, includeMetadata: true },
        handler,
      );
  }

  return {
    queueAdd: (n) =>
      withQueue(async (b, name) => {
        const started = performance.now();
        for (let i = 0; i < n; i++) await b.send(name, {});
        return ratePerSecond(n, started);
      }),

    queueAddBulk: (n, batch) =>
      withQueue(async (b, name) => {
        const started = performance.now();
        await fill(b, name, n, batch);
        return ratePerSecond(n, started);
      }),

    burnDown: (n, batch, concurrency) =>
      withQueue(async (b, name) => {
        await fill(b, name, n, batch);
        const started = performance.now();
        await work(b, name, concurrency, async () => {});
        await drained(b, name);
        return ratePerSecond(n, started);
      }),

    latency: (samples, concurrency, gapMs): Promise<LatencyResult> =>
      withQueue(async (b, name) => {
        const times: number[] = [];
        let began = 0;
        let ran: () => void = () => {};
        await work(
          b,
          name,
          concurrency,
          async () => {
            times.push(performance.now() - began);
            ran();
          },
          1,
        );
        for (let i = 0; i < samples; i++) {
          const started = new Promise<void>((r) => (ran = r));
          began = performance.now();
          await b.send(name, {});
          await started;
          await pause(gapMs);
        }
        return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
      }),

    retry: (n, batch, concurrency) =>
      withQueue(async (b, name) => {
        await fill(b, name, n, batch, { retryLimit: 1, retryDelay: RETRY_DELAY_SECONDS });
        const done = new Countdown(n);
        const started = performance.now();
        await work(b, name, concurrency, async (jobs) => {
          // A batch handler that throws fails the whole batch: complete the retried jobs
          // first, then throw so that only the first attempts fail.
          const retried = jobs.filter((j) => j.retryCount > 0);
          if (retried.length > 0)
            await b.complete(
              name,
              retried.map((j) => j.id),
            );
          for (const _ of retried) done.tick();
          if (retried.length < jobs.length) throw new Error('fails once');
        });
        await done.done;
        await drained(b, name);
        return ratePerSecond(n, started);
      }),

    chain: undefined,

    close: async () => {
      if (bossPromise) await (await bossPromise).stop({ graceful: false, wait: true });
    },
  };
}
