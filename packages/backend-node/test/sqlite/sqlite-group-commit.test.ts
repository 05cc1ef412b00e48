import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isWorkError } from '@workmanager-ts/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_GROUP_COMMIT_BATCH } from '../../src/sqlite/group-commit.js';
import { sqliteTransactionRunner } from '../../src/sqlite/sqlite-transaction-runner.js';
import { sqliteTestFolder, testWorkSpec } from './sqlite-test-database.js';

const run = promisify(execFile);
const claimProcess = fileURLToPath(new URL('./fixtures/claim-process.ts', import.meta.url));

/** Resolves after the event loop's current check phase: lets a scheduled flush run first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe.each(['immediate', 'microtask'] as const)(
  'SQLite group commit (%s flush)',
  (flushScheduling) => {
    let folder: ReturnType<typeof sqliteTestFolder>;
    beforeEach(() => {
      folder = sqliteTestFolder();
    });
    afterEach(() => folder.remove());

    it('commits 100 concurrent transact calls with fewer commits than calls', async () => {
      const runner = sqliteTransactionRunner({ filename: folder.file(), flushScheduling });
      const before = runner.stats();
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          runner.transact((tx) => tx.insertWork(testWorkSpec(`w${i}`))),
        ),
      );
      const after = runner.stats();
      expect(after.transactions - before.transactions).toBe(100);
      expect(after.commits - before.commits).toBe(1);
      await runner.close();
    });

    it(`caps a batch at ${MAX_GROUP_COMMIT_BATCH} calls`, async () => {
      const runner = sqliteTransactionRunner({ filename: folder.file(), flushScheduling });
      const calls = 2 * MAX_GROUP_COMMIT_BATCH + 1;
      await Promise.all(
        Array.from({ length: calls }, (_, i) => runner.transact((tx) => tx.setSetting(`k${i}`, i))),
      );
      expect(runner.stats()).toMatchObject({ commits: 3, transactions: calls });
      await runner.close();
    });

    it('a locked database: retried on a timer, then committed once the lock is gone', async () => {
      const runner = sqliteTransactionRunner({
        filename: folder.file(),
        flushScheduling,
        busyTimeoutMillis: 0,
      });
      const other = new Database(folder.file());
      other.exec('BEGIN IMMEDIATE');
      const pending = runner.transact((tx) => tx.insertWork(testWorkSpec('waited')));
      await nextTurn();
      expect(runner.stats().busyRetries).toBeGreaterThanOrEqual(1);
      other.exec('COMMIT');
      other.close();
      await pending;
      expect((await runner.transact((tx) => tx.getWork('waited')))?.id).toBe('waited');
      await runner.close();
    });

    it('a database locked for longer than maxBusyRetries → the batch rejects STORE_BUSY', async () => {
      const runner = sqliteTransactionRunner({
        filename: folder.file(),
        flushScheduling,
        busyTimeoutMillis: 0,
        maxBusyRetries: 3,
      });
      const other = new Database(folder.file());
      other.exec('BEGIN IMMEDIATE');
      const calls = [1, 2].map(() => runner.transact((tx) => tx.insertWork(testWorkSpec('x'))));
      const results = await Promise.allSettled(calls);
      expect(
        results.every((r) => r.status === 'rejected' && isWorkError(r.reason, 'STORE_BUSY')),
      ).toBe(true);
      expect(runner.stats().busyRetries).toBe(3);
      other.exec('ROLLBACK');
      other.close();
      // The runner recovers once the lock is released.
      await runner.transact((tx) => tx.insertWork(testWorkSpec('later')));
      await runner.close();
    });
  },
);

describe('SQLite store shared by several processes', () => {
  let folder: ReturnType<typeof sqliteTestFolder>;
  beforeEach(() => {
    folder = sqliteTestFolder();
  });
  afterEach(() => folder.remove());

  it('claims every due work exactly once across three processes', async () => {
    const count = 300;
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    await runner.transact((tx) => {
      for (let i = 0; i < count; i++) tx.insertWork(testWorkSpec(`w${i}`));
    });
    const owners = ['p1', 'p2', 'p3'];
    const outputs = await Promise.all(
      owners.map((owner) =>
        run(
          process.execPath,
          ['--conditions=source', '--import', 'tsx', claimProcess, folder.file(), owner],
          { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
        ),
      ),
    );
    const claims = outputs.map((o) => JSON.parse(o.stdout) as string[]);
    const all = claims.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(count);
    const running = await runner.transact((tx) => tx.findRunning({}));
    expect(running).toHaveLength(count);
    for (const [i, owner] of owners.entries()) {
      const owned = running.filter((w) => w.runOwner === owner).map((w) => w.id);
      expect(owned.sort()).toEqual([...claims[i]!].sort());
    }
    await runner.close();
  }, 30_000);
});
