import Database from 'better-sqlite3';
import { better, defineQueue, defineWorker, JobStatus, type Queue } from 'plainjob';
import type { BenchSystem, LatencyResult } from '../bench-system.js';
import { Countdown, pause } from '../countdown.js';
import { quantile, ratePerSecond } from '../statistics.js';
import { tempDatabase } from '../temp-database.js';

/** plainjob's worker poll interval here (its default is 1 000 ms). */
export const PLAINJOB_POLL_MS = 10;

const silent = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * plainjob on better-sqlite3. A plainjob worker runs one job at a time, so concurrency N is N
 * workers on one queue. It has no retry (a throwing job is FAILED) and no dependencies.
 */
export function plainjobSqlite(): BenchSystem {
  async function withQueue<T>(body: (queue: Queue) => Promise<T>): Promise<T> {
    const file = tempDatabase('plainjob');
    const db = new Database(file.filename);
    const queue = defineQueue({ connection: better(db), logger: silent });
    try {
      return await body(queue);
    } finally {
      queue.close();
      db.close();
      file.remove();
    }
  }

  function startWorkers(queue: Queue, concurrency: number, onJob: () => void, onDone?: () => void) {
    const workers = Array.from({ length: concurrency }, () =>
      defineWorker('noop', () => onJob(), {
        queue,
        logger: silent,
        pollIntervall: PLAINJOB_POLL_MS,
        ...(onDone ? { onCompleted: () => onDone() } : {}),
      }),
    );
    const running = workers.map((w) => w.start());
    return async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(running);
    };
  }

  return {
    queueAdd: (n) =>
      withQueue(async (queue) => {
        const started = performance.now();
        for (let i = 0; i < n; i++) await queue.add('noop', {});
        return ratePerSecond(n, started);
      }),

    queueAddBulk: (n, batch) =>
      withQueue(async (queue) => {
        const started = performance.now();
        for (let i = 0; i < n; i += batch)
          queue.addMany(
            'noop',
            Array.from({ length: Math.min(batch, n - i) }, () => ({})),
          );
        return ratePerSecond(n, started);
      }),

    burnDown: (n, batch, concurrency) =>
      withQueue(async (queue) => {
        for (let i = 0; i < n; i += batch)
          queue.addMany(
            'noop',
            Array.from({ length: Math.min(batch, n - i) }, () => ({})),
          );
        const done = new Countdown(n);
        const started = performance.now();
        // onCompleted runs right after markJobAsDone, i.e. once the outcome is stored.
        const stop = startWorkers(
          queue,
          concurrency,
          () => {},
          () => done.tick(),
        );
        await done.done;
        const rate = ratePerSecond(n, started);
        await stop();
        if (queue.countJobs({ status: JobStatus.Done }) !== n)
          throw new Error('plainjob lost jobs');
        return rate;
      }),

    latency: (samples, concurrency, gapMs): Promise<LatencyResult> =>
      withQueue(async (queue) => {
        const times: number[] = [];
        let began = 0;
        let ran: () => void = () => {};
        const stop = startWorkers(queue, concurrency, () => {
          times.push(performance.now() - began);
          ran();
        });
        for (let i = 0; i < samples; i++) {
          const started = new Promise<void>((r) => (ran = r));
          began = performance.now();
          queue.add('noop', {});
          await started;
          await pause(gapMs);
        }
        await stop();
        return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
      }),

    retry: undefined,
    chain: undefined,
    close: async () => {},
  };
}
