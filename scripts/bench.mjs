#!/usr/bin/env node
// `npm run bench`: every benchmark of the repository, one after the other, each printing its
// own setup and medians. BENCH_SCALE scales the sizes (default 1), BENCH_RUNS the repetitions.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = [
  'packages/core/bench/simulation.bench.ts',
  'packages/backend-node/bench/sqlite-runner.bench.ts',
  'packages/backend-node/bench/engine.bench.ts',
].filter((file) => existsSync(file));

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', file], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
