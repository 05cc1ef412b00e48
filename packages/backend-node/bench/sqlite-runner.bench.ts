// Micro benchmark of the SQLite transaction runner. Run from the repository root:
//   node --conditions=source --import tsx packages/backend-node/bench/sqlite-runner.bench.ts
// Numbers on a shared disk swing between runs: compare the ratios printed by one run.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ALL_CONDITIONS_MET,
  type DeviceConditions,
  NO_CONSTRAINTS,
  type WorkSpec,
} from '@workmanager-ts/core';
import { workSpecFixture } from '@workmanager-ts/core/testing';
import Database from 'better-sqlite3';
import { MAX_GROUP_COMMIT_BATCH } from '../src/sqlite/group-commit.js';
import type { SqliteStoreOptions } from '../src/sqlite/sqlite-store-options.js';
import {
  type SqliteTransactionRunner,
  sqliteTransactionRunner,
} from '../src/sqlite/sqlite-transaction-runner.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const INSERTS = Number(process.env.BENCH_INSERTS ?? 100_000);
const CLIENTS = 64;
const BIG = Number(process.env.BENCH_BIG ?? 1_000_000);

const NO_CONDITIONS: DeviceConditions = {
  networkTypes: ['NOT_REQUIRED'],
  charging: false,
  batteryNotLow: false,
  deviceIdle: false,
  storageNotLow: false,
};

function spec(id: string, nextRunAt: number, needsCharging = false): WorkSpec {
  return workSpecFixture(id, {
    workerName: 'NoOpWorker',
    tags: ['NoOpWorker'],
    nextRunAt,
    constraints: needsCharging ? { ...NO_CONSTRAINTS, requiresCharging: true } : NO_CONSTRAINTS,
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function withFile<T>(fn: (filename: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'wm-sqlite-bench-'));
  return fn(join(dir, 'work.db')).finally(() => rmSync(dir, { recursive: true, force: true }));
}

type Pattern = 'burst' | 'clients' | 'deep';

/**
 * Inserts INSERTS works, one per transact call: all at once (burst), from CLIENTS loops each
 * awaiting its call (clients), or the same with each call behind three more async layers, as
 * when an engine and a store wrap the runner (deep).
 */
async function insertRun(
  options: Omit<SqliteStoreOptions, 'filename'>,
  pattern: Pattern,
): Promise<{ rate: number; commits: number }> {
  return withFile(async (filename) => {
    const runner = sqliteTransactionRunner({ filename, ...options });
    const start = performance.now();
    if (pattern === 'burst') {
      await Promise.all(
        Array.from({ length: INSERTS }, (_, i) =>
          runner.transact((tx) => tx.insertWork(spec(`w${i}`, i))),
        ),
      );
    } else {
      const layers = pattern === 'deep' ? 3 : 0;
      const call = async (i: number, layer: number): Promise<void> => {
        if (layer === 0) return runner.transact((tx) => tx.insertWork(spec(`w${i}`, i)));
        await Promise.resolve();
        await call(i, layer - 1);
      };
      let next = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < INSERTS) await call(next++, layers);
        }),
      );
    }
    const seconds = (performance.now() - start) / 1000;
    const { commits } = runner.stats();
    await runner.close();
    return { rate: INSERTS / seconds, commits };
  });
}

/** Fills the store with `count` ENQUEUED works (10% need charging), in large transactions. */
async function populate(runner: SqliteTransactionRunner, count: number): Promise<void> {
  const chunk = 10_000;
  for (let from = 0; from < count; from += chunk) {
    await runner.transact((tx) => {
      for (let i = from; i < Math.min(count, from + chunk); i++) {
        // Spread over 1 000 s, interleaved, so the due set is large and not in insertion order.
        tx.insertWork(spec(`w${i}`, (i * 7919) % 1_000_000, i % 10 === 0));
      }
    });
  }
}

/** Median microseconds of one call of `query`, over RUNS rounds of `calls` calls each. */
async function queryCost(
  runner: SqliteTransactionRunner,
  calls: number,
  query: (tx: Parameters<Parameters<SqliteTransactionRunner['transact']>[0]>[0]) => unknown,
): Promise<number> {
  const perCall: number[] = [];
  for (let r = 0; r < Math.max(RUNS, 5); r++) {
    perCall.push(
      await runner.transact((tx) => {
        const start = performance.now();
        for (let i = 0; i < calls; i++) query(tx);
        return ((performance.now() - start) * 1000) / calls;
      }),
    );
  }
  return median(perCall);
}

async function dueCosts(count: number) {
  return withFile(async (filename) => {
    const runner = sqliteTransactionRunner({ filename, durability: 'normal' });
    const fillStart = performance.now();
    await populate(runner, count);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const now = 500_000;
    const result = {
      count,
      fillRate: count / fillSeconds,
      due100: await queryCost(runner, 200, (tx) =>
        tx.findDueWork({ now, limit: 100, conditions: ALL_CONDITIONS_MET }),
      ),
      due100Filtered: await queryCost(runner, 200, (tx) =>
        tx.findDueWork({ now, limit: 100, conditions: NO_CONDITIONS }),
      ),
      due1: await queryCost(runner, 2000, (tx) =>
        tx.findDueWork({ now, limit: 1, conditions: ALL_CONDITIONS_MET }),
      ),
      nextDue: await queryCost(runner, 2000, (tx) => tx.nextDueTime(NO_CONDITIONS)),
      getWork: await queryCost(runner, 2000, (tx) => tx.getWork(`w${count >> 1}`)),
    };
    await runner.close();
    return result;
  });
}

async function main(): Promise<void> {
  const probe = new Database(':memory:');
  const sqliteVersion = probe.prepare('SELECT sqlite_version()').pluck().get();
  probe.close();
  console.log('# SQLite transaction runner benchmark');
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'}, nproc ${cpus().length}, Node ${process.version}, SQLite ${String(sqliteVersion)}`,
  );
  await withFile(async (filename) => {
    const runner = sqliteTransactionRunner({ filename });
    console.log('pragmas (default options):', JSON.stringify(runner.pragmas()));
    await runner.close();
  });
  console.log(
    `group commit batch cap: ${MAX_GROUP_COMMIT_BATCH} calls; medians of ${RUNS} interleaved runs\n`,
  );

  console.log(`## ${fmt(INSERTS)} inserts, one transact call each`);
  console.log(
    `(burst = all calls issued at once; clients = ${CLIENTS} loops each awaiting its call; ` +
      'deep = clients whose calls pass through 3 more async layers)\n',
  );
  const configs = [
    { durability: 'full', flushScheduling: 'immediate', pattern: 'burst' },
    { durability: 'normal', flushScheduling: 'immediate', pattern: 'burst' },
    { durability: 'full', flushScheduling: 'immediate', pattern: 'clients' },
    { durability: 'full', flushScheduling: 'microtask', pattern: 'clients' },
    { durability: 'full', flushScheduling: 'immediate', pattern: 'deep' },
    { durability: 'full', flushScheduling: 'microtask', pattern: 'deep' },
    { durability: 'normal', flushScheduling: 'immediate', pattern: 'clients' },
    { durability: 'normal', flushScheduling: 'microtask', pattern: 'clients' },
  ] as const;
  const samples = configs.map(() => [] as { rate: number; commits: number }[]);
  for (let r = 0; r < RUNS; r++) {
    for (const [i, c] of configs.entries()) {
      samples[i]!.push(
        await insertRun(
          { durability: c.durability, flushScheduling: c.flushScheduling },
          c.pattern,
        ),
      );
    }
  }
  console.log('| durability | flush | pattern | inserts/s | commits |');
  console.log('|---|---|---|---:|---:|');
  for (const [i, c] of configs.entries()) {
    const s = samples[i]!;
    console.log(
      `| ${c.durability} | ${c.flushScheduling} | ${c.pattern} | ${fmt(median(s.map((x) => x.rate)))} | ${fmt(median(s.map((x) => x.commits)))} |`,
    );
  }

  console.log(`\n## findDueWork cost: 1 000 vs ${fmt(BIG)} ENQUEUED works (µs per call)\n`);
  const small = await dueCosts(1_000);
  const big = await dueCosts(BIG);
  const rows = [
    ['findDueWork limit 100, all conditions met', 'due100'],
    ['findDueWork limit 100, no condition met (10% filtered out)', 'due100Filtered'],
    ['findDueWork limit 1', 'due1'],
    ['nextDueTime, no condition met', 'nextDue'],
    ['getWork by id', 'getWork'],
  ] as const;
  console.log(`| query | 1 000 rows | ${fmt(BIG)} rows | ratio |`);
  console.log('|---|---:|---:|---:|');
  for (const [label, key] of rows) {
    console.log(
      `| ${label} | ${fmt(small[key], 1)} | ${fmt(big[key], 1)} | ${fmt(big[key] / small[key], 2)} |`,
    );
  }
  console.log(`\n(filling ${fmt(BIG)} rows at NORMAL ran at ${fmt(big.fillRate)} rows/s)`);
}

await main();
