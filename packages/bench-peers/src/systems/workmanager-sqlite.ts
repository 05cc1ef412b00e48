import { MAX_GROUP_COMMIT_BATCH, sqliteStore } from '@workmanager-ts/backend-node';
import {
  createWorkManager,
  OneTimeWorkRequest,
  Result,
  resolveSemantics,
  silentLogger,
  type Workers,
  type WorkManager,
  type WorkRequest,
  type WorkSpec,
  workSpecFromRequest,
} from '@workmanager-ts/core';
import type { BenchSystem, LatencyResult, SystemDescription } from '../bench-system.js';
import { Countdown, pause } from '../countdown.js';
import { quantile, ratePerSecond } from '../statistics.js';
import { tempDatabase } from '../temp-database.js';

type Durability = 'full' | 'normal';

/** This project's engine on its SQLite store (better-sqlite3, WAL). */
export function describeWorkmanagerSqlite(durability: Durability): SystemDescription {
  return {
    id: `workmanager-${durability}`,
    label: `workmanager-ts SQLite (${durability.toUpperCase()})`,
    durability:
      durability === 'full'
        ? 'SQLite WAL, synchronous=FULL: an acknowledged enqueue or outcome survives power loss'
        : 'SQLite WAL, synchronous=NORMAL: survives a process crash; the last commits can be lost on power loss',
    settings: `maxConcurrency = concurrency; group commit up to ${MAX_GROUP_COMMIT_BATCH} calls per transaction; no polling inside one process; retry backoff LINEAR 10 ms (semantics.minBackoffMillis lowered to 10)`,
    sizeDivisor: 1,
    maxLatencySamples: Number.POSITIVE_INFINITY,
    compareWith: null,
  };
}

const RETRY_BACKOFF_MS = 10;
/** androidx raises backoff to 10 s; the benchmark lowers the floor so that retry measures the engine. */
const SEMANTICS = resolveSemantics({ minBackoffMillis: RETRY_BACKOFF_MS });

function templateOf(request: WorkRequest): WorkSpec {
  return workSpecFromRequest(request, { prerequisites: [], uniqueName: null });
}

/** Creates the adapter for one durability level. */
export function workmanagerSqlite(durability: Durability): BenchSystem {
  async function withEngine<T>(
    concurrency: number,
    workers: Workers,
    body: (wm: WorkManager) => Promise<T>,
    fill?: (store: ReturnType<typeof sqliteStore>) => Promise<void>,
  ): Promise<T> {
    const file = tempDatabase('wm');
    const store = sqliteStore({ filename: file.filename, durability });
    try {
      if (fill) await fill(store);
      const wm = await createWorkManager({
        store,
        workers,
        config: {
          maxConcurrency: concurrency,
          logger: silentLogger,
          semantics: SEMANTICS,
        },
      });
      try {
        return await body(wm);
      } finally {
        await wm.close();
      }
    } finally {
      await store.close();
      file.remove();
    }
  }

  const noop = { noop: () => Result.success() };
  const delayed = () => OneTimeWorkRequest.from('noop', { initialDelay: 3_600_000 });

  return {
    queueAdd: (n) =>
      withEngine(8, noop, async (wm) => {
        const requests = Array.from({ length: n }, delayed);
        const started = performance.now();
        for (const r of requests) await wm.enqueue(r);
        return ratePerSecond(n, started);
      }),

    queueAddBulk: (n, batch) =>
      withEngine(8, noop, async (wm) => {
        const requests = Array.from({ length: n }, delayed);
        const started = performance.now();
        for (let i = 0; i < n; i += batch) await wm.enqueue(requests.slice(i, i + batch));
        return ratePerSecond(n, started);
      }),

    burnDown: async (n, batch, concurrency) => {
      const done = new Countdown(n);
      let started = 0;
      let elapsedRate = 0;
      await withEngine(
        concurrency,
        {
          noop: () => {
            done.tick();
            return Result.success();
          },
        },
        async (wm) => {
          await done.done;
          await wm.close(); // waits until every outcome is stored
          elapsedRate = ratePerSecond(n, started);
        },
        async (store) => {
          // Fill the store before the engine opens, so that only the drain is timed.
          for (let i = 0; i < n; i += batch) {
            const works = Array.from({ length: Math.min(batch, n - i) }, () =>
              templateOf(OneTimeWorkRequest.from('noop')),
            );
            await store.enqueueWork({ now: Date.now(), levels: [{ works }] });
          }
          started = performance.now();
        },
      );
      return elapsedRate;
    },

    latency: async (samples, concurrency, gapMs): Promise<LatencyResult> => {
      const times: number[] = [];
      let began = 0;
      let ran: () => void = () => {};
      return withEngine(
        concurrency,
        {
          noop: () => {
            times.push(performance.now() - began);
            ran();
            return Result.success();
          },
        },
        async (wm) => {
          for (let i = 0; i < samples; i++) {
            const request = OneTimeWorkRequest.from('noop');
            const started = new Promise<void>((r) => (ran = r));
            began = performance.now();
            await wm.enqueue(request);
            await started;
            await pause(gapMs);
          }
          return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
        },
      );
    },

    retry: async (n, batch, concurrency) => {
      const done = new Countdown(n);
      let started = 0;
      let result = 0;
      await withEngine(
        concurrency,
        {
          flaky: (ctx) => {
            if (ctx.runAttemptCount === 0) return Result.retry();
            done.tick();
            return Result.success();
          },
        },
        async (wm) => {
          await done.done;
          await wm.close();
          result = ratePerSecond(n, started);
        },
        async (store) => {
          for (let i = 0; i < n; i += batch) {
            const works = Array.from({ length: Math.min(batch, n - i) }, () =>
              templateOf(
                OneTimeWorkRequest.from(
                  'flaky',
                  { backoff: { policy: 'LINEAR', delay: RETRY_BACKOFF_MS } },
                  { semantics: SEMANTICS, logger: silentLogger },
                ),
              ),
            );
            await store.enqueueWork({ now: Date.now(), levels: [{ works }] });
          }
          started = performance.now();
        },
      );
      return result;
    },

    chain: async (chains, length, concurrency) => {
      const total = chains * length;
      const done = new Countdown(total);
      return withEngine(
        concurrency,
        {
          noop: () => {
            done.tick();
            return Result.success();
          },
        },
        async (wm) => {
          const started = performance.now();
          await Promise.all(
            Array.from({ length: chains }, () => {
              let c = wm.beginWith(OneTimeWorkRequest.from('noop'));
              for (let s = 1; s < length; s++) c = c.then(OneTimeWorkRequest.from('noop'));
              return c.enqueue();
            }),
          );
          await done.done;
          await wm.close();
          return ratePerSecond(total, started);
        },
      );
    },

    close: async () => {},
  };
}
