import Database from 'better-sqlite3-v11';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrateDB, RetryAfterError, Runner, SqliteQueue } from 'liteque';
import type { BenchSystem, LatencyResult } from '../bench-system.js';
import { Countdown, pause } from '../countdown.js';
import { quantile, ratePerSecond } from '../statistics.js';
import { tempDatabase } from '../temp-database.js';

/** liteque's runner poll interval here (its README uses 1 000 ms). */
export const LITEQUE_POLL_MS = 10;

const RETRY_BACKOFF_MS = 10;

type Payload = Record<string, never>;

type LitequeDb = ConstructorParameters<typeof SqliteQueue<Payload>>[1];

/**
 * liteque's own `buildDBClient`, on better-sqlite3 11: liteque runs drizzle transactions with
 * async callbacks, which better-sqlite3 12 (this project's) rejects ("Transaction function
 * cannot return a promise"). Same pragmas as liteque sets.
 */
function openDb(filename: string): { db: LitequeDb; close: () => void } {
  const sqlite = new Database(filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite) as unknown as LitequeDb;
  migrateDB(db);
  return { db, close: () => sqlite.close() };
}

/**
 * liteque (drizzle over better-sqlite3). No bulk add and no dependencies; a retry after a fixed
 * delay is `RetryAfterError`, which does not count an attempt, so first runs are tracked here.
 */
export function litequeSqlite(): BenchSystem {
  async function withQueue<T>(body: (queue: SqliteQueue<Payload>) => Promise<T>): Promise<T> {
    const file = tempDatabase('liteque');
    const { db, close } = openDb(file.filename);
    const queue = new SqliteQueue<Payload>('bench', db, {
      defaultJobArgs: { numRetries: 0 },
      keepFailedJobs: false,
    });
    try {
      return await body(queue);
    } finally {
      close();
      file.remove();
    }
  }

  function runner(
    queue: SqliteQueue<Payload>,
    concurrency: number,
    run: (id: string) => void,
  ): Runner<Payload> {
    return new Runner<Payload>(
      queue,
      { run: async (job) => run(job.id) },
      { concurrency, pollIntervalMs: LITEQUE_POLL_MS, timeoutSecs: 60 },
    );
  }

  return {
    queueAdd: (n) =>
      withQueue(async (queue) => {
        const started = performance.now();
        for (let i = 0; i < n; i++) await queue.enqueue({});
        return ratePerSecond(n, started);
      }),

    queueAddBulk: undefined,

    burnDown: (n, _batch, concurrency) =>
      withQueue(async (queue) => {
        for (let i = 0; i < n; i++) await queue.enqueue({});
        const started = performance.now();
        // Returns once the queue is empty and every finalize (the stored outcome) has settled.
        await runner(queue, concurrency, () => {}).runUntilEmpty();
        return ratePerSecond(n, started);
      }),

    latency: (samples, concurrency, gapMs): Promise<LatencyResult> =>
      withQueue(async (queue) => {
        const times: number[] = [];
        let began = 0;
        let ran: () => void = () => {};
        const r = runner(queue, concurrency, () => {
          times.push(performance.now() - began);
          ran();
        });
        const running = r.run();
        for (let i = 0; i < samples; i++) {
          const started = new Promise<void>((res) => (ran = res));
          began = performance.now();
          await queue.enqueue({});
          await started;
          await pause(gapMs);
        }
        r.stop();
        await running;
        return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
      }),

    retry: (n, _batch, concurrency) =>
      withQueue(async (queue) => {
        for (let i = 0; i < n; i++) await queue.enqueue({});
        const failedOnce = new Set<string>();
        const done = new Countdown(n);
        const started = performance.now();
        await runner(queue, concurrency, (id) => {
          if (!failedOnce.has(id)) {
            failedOnce.add(id);
            throw new RetryAfterError(RETRY_BACKOFF_MS);
          }
          done.tick();
        }).runUntilEmpty();
        await done.done;
        return ratePerSecond(n, started);
      }),

    chain: undefined,
    close: async () => {},
  };
}
