/**
 * End-to-end benchmarks of the engine on the SQLite store (issue: backend-node). Prints the
 * setup, then medians of several runs. Sizes scale with BENCH_SCALE (default 1).
 *
 *   node --conditions=source --import tsx packages/backend-node/bench/engine.bench.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALL_CONDITIONS_MET,
  createWorkManager,
  OneTimeWorkRequest,
  Result,
  silentLogger,
  type WorkManager,
  type WorkRequest,
  type WorkSpec,
  workSpecFromRequest,
} from '@workmanager-ts/core';
import { MAX_GROUP_COMMIT_BATCH, sqliteStore } from '../src/index.js';
import { machineLine, median, quantile, rate } from './bench-setup.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BURN_N = Math.round(100_000 * scale);
const ENQUEUE_ONE_BY_ONE_N = Math.round(2_000 * scale);
const ENQUEUE_CONCURRENT_N = Math.round(20_000 * scale);
const LATENCY_SAMPLES = Math.round(1_000 * scale);
const MP_N = Math.round(40_000 * scale);
const ENQUEUE_BATCH = 1_000;
type Durability = 'full' | 'normal';

function tempFile(): { filename: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wm-bench-'));
  return {
    filename: join(dir, 'bench.db'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function withEngine<T>(
  durability: Durability,
  concurrency: number,
  onRun: () => void,
  body: (wm: WorkManager) => Promise<T>,
): Promise<T> {
  const file = tempFile();
  const store = sqliteStore({ filename: file.filename, durability });
  const wm = await createWorkManager({
    store,
    workers: {
      noop: () => {
        onRun();
        return Result.success();
      },
    },
    config: { maxConcurrency: concurrency, logger: silentLogger },
  });
  try {
    return await body(wm);
  } finally {
    await wm.close();
    await store.close();
    file.remove();
  }
}

/** Enqueue N works in batches, then measure until every one has run and been stored. */
async function burnDown(durability: Durability, concurrency: number, n: number): Promise<number> {
  let done = 0;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const requests = Array.from({ length: n }, () => OneTimeWorkRequest.from('noop'));
  const file = tempFile();
  const store = sqliteStore({ filename: file.filename, durability });
  // Fill the store before the engine opens, so that only the drain is timed.
  for (let i = 0; i < n; i += ENQUEUE_BATCH) {
    const works = requests.slice(i, i + ENQUEUE_BATCH).map(templateOf);
    await store.enqueueWork({ now: Date.now(), levels: [{ works }] });
  }
  const started = performance.now();
  const wm = await createWorkManager({
    store,
    workers: {
      noop: () => {
        if (++done === n) allDone();
        return Result.success();
      },
    },
    config: { maxConcurrency: concurrency, logger: silentLogger },
  });
  await finished;
  await wm.close(); // waits until every outcome is stored
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  file.remove();
  return n / seconds;
}

function templateOf(request: WorkRequest): WorkSpec {
  return workSpecFromRequest(request, { prerequisites: [], uniqueName: null });
}

type EnqueueMode = 'one-by-one' | 'concurrent' | 'batched';

/** Enqueue rate of delayed works (so nothing runs meanwhile) in one of three ways. */
async function enqueueRate(durability: Durability, mode: EnqueueMode): Promise<number> {
  const n = mode === 'one-by-one' ? ENQUEUE_ONE_BY_ONE_N : ENQUEUE_CONCURRENT_N;
  return withEngine(
    durability,
    8,
    () => {},
    async (wm) => {
      const requests = Array.from({ length: n }, () =>
        OneTimeWorkRequest.from('noop', { initialDelay: 3_600_000 }),
      );
      const started = performance.now();
      if (mode === 'one-by-one') {
        for (const r of requests) await wm.enqueue(r);
      } else if (mode === 'concurrent') {
        await Promise.all(requests.map((r) => wm.enqueue(r)));
      } else {
        for (let i = 0; i < n; i += ENQUEUE_BATCH)
          await wm.enqueue(requests.slice(i, i + ENQUEUE_BATCH));
      }
      return n / ((performance.now() - started) / 1000);
    },
  );
}

/** Enqueue one work at a time at low load; time from the enqueue call to the worker's start. */
async function addToStart(durability: Durability): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  let began = 0;
  let started: () => void = () => {};
  return withEngine(
    durability,
    8,
    () => {
      samples.push(performance.now() - began);
      started();
    },
    async (wm) => {
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const request = OneTimeWorkRequest.from('noop');
        const ran = new Promise<void>((resolve) => (started = resolve));
        began = performance.now();
        await wm.enqueue(request);
        await ran;
      }
      return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
    },
  );
}

async function multiProcess(processes: number, durability: Durability): Promise<number> {
  const file = tempFile();
  const store = sqliteStore({ filename: file.filename, durability });
  for (let i = 0; i < MP_N; i += ENQUEUE_BATCH) {
    const works = Array.from({ length: Math.min(ENQUEUE_BATCH, MP_N - i) }, () =>
      templateOf(OneTimeWorkRequest.from('noop')),
    );
    await store.enqueueWork({ now: Date.now(), levels: [{ works }] });
  }
  const child = fileURLToPath(new URL('./burn-down-child.ts', import.meta.url));
  const children = Array.from({ length: processes }, () =>
    spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', child, file.filename, '64', durability],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ),
  );
  const outputs = children.map((c) => {
    let text = '';
    c.stdout.on('data', (chunk) => (text += chunk));
    return {
      ready: new Promise<void>((r) => c.stdout.once('data', () => r())),
      text: () => text,
      exit: new Promise((r) => c.once('exit', r)),
    };
  });
  await Promise.all(outputs.map((o) => o.ready));
  const started = performance.now();
  for (;;) {
    const due = await store.nextDueTime(ALL_CONDITIONS_MET);
    const running = await store.findWorks({ states: ['RUNNING'] });
    if (!Number.isFinite(due) && running.length === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(outputs.map((o) => o.exit));
  await store.close();
  file.remove();
  return MP_N / seconds;
}

async function main(): Promise<void> {
  console.log('# workmanager-ts engine on SQLite');
  console.log(machineLine());
  console.log(
    `sqlite: better-sqlite3, WAL, synchronous FULL (durability 'full') or NORMAL; group commit up to ${MAX_GROUP_COMMIT_BATCH} calls per transaction; enqueue batches of ${ENQUEUE_BATCH}; medians of ${RUNS} runs`,
  );
  const rows: string[] = [];
  const report = (line: string) => {
    rows.push(line);
    console.log(line);
  };
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  for (const durability of ['full', 'normal'] as const) {
    for (const concurrency of [8, 64, 256]) {
      const results: number[] = [];
      for (let i = 0; i < RUNS; i++) results.push(await burnDown(durability, concurrency, BURN_N));
      report(
        `burn-down ${BURN_N} no-op works, ${durability}, concurrency ${concurrency}: ${rate(median(results))} works/s`,
      );
    }
  }
  for (const durability of ['full', 'normal'] as const) {
    const one: number[] = [];
    const concurrent: number[] = [];
    const batched: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      one.push(await enqueueRate(durability, 'one-by-one'));
      concurrent.push(await enqueueRate(durability, 'concurrent'));
      batched.push(await enqueueRate(durability, 'batched'));
    }
    report(
      `enqueue, ${durability}: one by one (awaited) ${rate(median(one))}/s; ${ENQUEUE_CONCURRENT_N} concurrent single enqueues ${rate(median(concurrent))}/s; batches of ${ENQUEUE_BATCH} ${rate(median(batched))}/s`,
    );
  }
  for (const durability of ['full', 'normal'] as const) {
    const p50s: number[] = [];
    const p99s: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { p50, p99 } = await addToStart(durability);
      p50s.push(p50);
      p99s.push(p99);
    }
    report(
      `enqueue-to-start latency, ${durability}, ${LATENCY_SAMPLES} sequential works: p50 ${median(p50s).toFixed(2)} ms, p99 ${median(p99s).toFixed(2)} ms`,
    );
  }
  for (const processes of [1, 2, 4]) {
    const results: number[] = [];
    for (let i = 0; i < RUNS; i++) results.push(await multiProcess(processes, 'full'));
    report(
      `burn-down ${MP_N} works, ${processes} process(es) on one file, full, concurrency 64 each: ${rate(median(results))} works/s`,
    );
  }
  clearInterval(sample);
  report(`peak RSS of the benchmark process: ${(peakRss / 1024 ** 2).toFixed(0)} MiB`);
}

await main();
