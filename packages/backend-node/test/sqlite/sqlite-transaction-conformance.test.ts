import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWorkTransactionConformance } from '@workmanager-ts/core/testing';
import { sqliteTransactionRunner } from '../../src/sqlite/sqlite-transaction-runner.js';

describeWorkTransactionConformance('SQLite (WAL file)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wm-sqlite-conformance-'));
  const runner = sqliteTransactionRunner({ filename: join(dir, 'work.db') });
  return {
    runner,
    async cleanup() {
      await runner.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
