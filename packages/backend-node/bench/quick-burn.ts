// End-to-end burn-down through the engine on the SQLite store. Run from the repository root:
//   node --conditions=source --import tsx packages/backend-node/bench/quick-burn.ts [N] [maxConcurrency] [full|normal]
// Enqueues N no-op one-time works in batches of 1 000 and reports works/s from the first
// enqueue to the last completion, with the group-commit counters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkManager, OneTimeWorkRequest, Result, silentLogger } from '@workmanager-ts/core';
import { sqliteStore } from '../src/index.js';

const N = Number(process.argv[2] ?? 20000);
const conc = Number(process.argv[3] ?? 8);
const durability = (process.argv[4] ?? 'full') as 'full' | 'normal';
const dir = mkdtempSync(join(tmpdir(), 'wm-burn-'));
const store = sqliteStore({ filename: join(dir, 'b.db'), durability });
let done = 0;
let resolveAll: () => void = () => {};
const all = new Promise<void>((r) => {
  resolveAll = r;
});
const t0 = performance.now();
const reqs = Array.from({ length: N }, () => OneTimeWorkRequest.from('noop'));
const tBuild = performance.now();
const wm = await createWorkManager({
  store,
  workers: {
    noop: () => {
      if (++done === N) resolveAll();
      return Result.success();
    },
  },
  config: { maxConcurrency: conc, logger: silentLogger },
});
const t1 = performance.now();
for (let i = 0; i < N; i += 1000) await wm.enqueue(reqs.slice(i, i + 1000));
const t2 = performance.now();
await all;
await wm.close();
const t3 = performance.now();
console.log({
  N,
  conc,
  durability,
  buildMs: Math.round(tBuild - t0),
  enqueueMs: Math.round(t2 - t1),
  endToEndPerSec: Math.round(N / ((t3 - t1) / 1000)),
  commits: store.sqlite.stats(),
});
await store.close();
rmSync(dir, { recursive: true });
