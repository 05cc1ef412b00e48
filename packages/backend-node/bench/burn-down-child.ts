/**
 * One process of the multi-process burn-down: runs an engine on the shared file until the
 * parent sends SIGTERM, then closes and prints how many runs it did.
 */
import { createWorkManager, Result, silentLogger } from '@workmanager-ts/core';
import { sqliteStore } from '../src/index.js';

const [filename, concurrency, durability] = process.argv.slice(2);
const store = sqliteStore({
  filename: filename!,
  durability: durability === 'normal' ? 'normal' : 'full',
});
let runs = 0;
const wm = await createWorkManager({
  store,
  workers: {
    noop: () => {
      runs++;
      return Result.success();
    },
  },
  config: { maxConcurrency: Number(concurrency), logger: silentLogger, pollIntervalMillis: 20 },
});
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await wm.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ runs })}\n`);
  process.exit(0);
});
