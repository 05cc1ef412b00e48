// Micro benchmark of the row-level SQLite port: µs per row of each WorkTransaction method in one
// big transaction, and the cost of one `transact` call through the group commit. Run from the
// repository root:
//   node --conditions=source --import tsx packages/backend-node/bench/sqlite-row-micro.bench.ts [N] [full|normal]
// Prints the median of BENCH_RUNS runs (default 3), each on a new file. The shared disk swings
// between runs: compare numbers printed by one run, never across runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ALL_CONDITIONS_MET,
  OneTimeWorkRequest,
  type WorkSpec,
  workSpecFromRequest,
} from '@workmanager-ts/core';
import Database from 'better-sqlite3';
import { sqliteTransactionRunner } from '../src/sqlite/sqlite-transaction-runner.js';

const N = Number(process.argv[2] ?? 20_000);
const durability = (process.argv[3] ?? 'full') as 'full' | 'normal';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

type Timings = Record<string, number>;

/** Opens a runner on a new file; a parameter so that variants can be compared in one run. */
export type OpenRunner = typeof sqliteTransactionRunner;

/** One pass over every measured method on a new file, in µs per row. */
export async function measureRowCosts(
  open: OpenRunner = sqliteTransactionRunner,
): Promise<Timings> {
  const dir = mkdtempSync(join(tmpdir(), 'wm-row-micro-'));
  const filename = join(dir, 'b.db');
  const runner = open({ filename, durability });
  /** A commit by another connection: the runner's next batch cannot trust what it cached. */
  const otherConnectionWrites = (): void => {
    const other = new Database(filename);
    other.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench', 1)").run();
    other.close();
  };
  const specs: WorkSpec[] = Array.from({ length: N }, () =>
    workSpecFromRequest(OneTimeWorkRequest.from('noop'), { prerequisites: [], uniqueName: null }),
  );
  const timings: Timings = {};
  const time = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    const start = performance.now();
    await run();
    timings[name] = ((performance.now() - start) * 1000) / N;
  };
  await time('insertWork', () =>
    runner.transact((tx) => {
      for (const s of specs) tx.insertWork(s);
    }),
  );
  await time('getWork (1st read, SQL)', () =>
    runner.transact((tx) => {
      for (const s of specs) tx.getWork(s.id);
    }),
  );
  await time('getWork (2nd read)', () =>
    runner.transact((tx) => {
      for (const s of specs) tx.getWork(s.id);
    }),
  );
  await time('updateWork', () =>
    runner.transact((tx) => {
      for (const s of specs) {
        tx.updateWork(s.id, {
          state: 'RUNNING',
          runAttemptCount: 1,
          runOwner: 'x',
          leaseExpiresAt: 5,
          nextRunAt: Number.POSITIVE_INFINITY,
        });
      }
    }),
  );
  await time('getDependentIds', () =>
    runner.transact((tx) => {
      for (const s of specs) tx.getDependentIds(s.id);
    }),
  );
  otherConnectionWrites();
  await time('getWork per transact', () =>
    Promise.all(specs.map((s) => runner.transact((tx) => tx.getWork(s.id)))),
  );
  await time('empty transact', () => Promise.all(specs.map(() => runner.transact(() => 0))));
  await time('update back to ENQUEUED', () =>
    runner.transact((tx) => {
      for (const s of specs) tx.updateWork(s.id, { state: 'ENQUEUED', nextRunAt: 0 });
    }),
  );
  await time('findDueWork 100 per row', () =>
    runner.transact((tx) => {
      for (let i = 0; i < N; i += 100) {
        tx.findDueWork({ now: 1, limit: 100, conditions: ALL_CONDITIONS_MET });
      }
    }),
  );
  await runner.close();
  rmSync(dir, { recursive: true, force: true });
  return timings;
}

/** The median of each measurement over several passes. */
export function medians(runs: readonly Timings[]): Timings {
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  return Object.fromEntries(
    Object.keys(runs[0]!).map((name) => [name, median(runs.map((r) => r[name]!))]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs: Timings[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measureRowCosts());
  console.log(`row-level SQLite port, N = ${N}, durability ${durability}, median of ${RUNS}`);
  for (const [name, us] of Object.entries(medians(runs))) {
    console.log(`  ${name.padEnd(26)} ${us.toFixed(2).padStart(8)} µs/row`);
  }
}
