import { Data } from '@workmanager-ts/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteTransactionRunner } from '../../src/sqlite/sqlite-transaction-runner.js';
import { MAX_CACHED_WORKS } from '../../src/sqlite/sqlite-work-transaction.js';
import { sqliteTestFolder, testWorkSpec } from './sqlite-test-database.js';

describe('SQLite row cache and savepoint-free group commit', () => {
  let folder: ReturnType<typeof sqliteTestFolder>;
  beforeEach(() => {
    folder = sqliteTestFolder();
  });
  afterEach(() => folder.remove());

  it('a work changed by another connection is read again, not served from the cache', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    await runner.transact((tx) => tx.insertWork(testWorkSpec('w', { tags: ['a'] })));
    expect((await runner.transact((tx) => tx.getWork('w')))?.generation).toBe(0);
    const other = new Database(folder.file());
    other
      .prepare(`UPDATE works SET generation = 7, tags = '["a","b"]', output = ? WHERE id = 'w'`)
      .run(JSON.stringify(Data.from({ n: 1 })));
    other.close();
    const seen = await runner.transact((tx) => tx.getWork('w'));
    expect(seen?.generation).toBe(7);
    expect(seen?.tags).toEqual(['a', 'b']);
    expect(seen?.output.get('n')).toBe(1);
    await runner.close();
  });

  it('a work deleted by another connection is gone for this one too', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    await runner.transact((tx) => tx.insertWork(testWorkSpec('w')));
    const other = new Database(folder.file());
    other.prepare(`DELETE FROM works WHERE id = 'w'`).run();
    other.close();
    expect(await runner.transact((tx) => tx.getWork('w'))).toBeUndefined();
    await runner.close();
  });

  it('a read-only runner sees every commit of a writer on the same file', async () => {
    const writer = sqliteTransactionRunner({ filename: folder.file() });
    await writer.transact((tx) => tx.insertWork(testWorkSpec('w')));
    const reader = sqliteTransactionRunner({ filename: folder.file(), readonly: true });
    expect((await reader.transact((tx) => tx.getWork('w')))?.generation).toBe(0);
    await writer.transact((tx) => tx.updateWork('w', { generation: 3 }));
    expect((await reader.transact((tx) => tx.getWork('w')))?.generation).toBe(3);
    await reader.close();
    await writer.close();
  });

  it('a call that throws in a batch of 50 is rolled back alone; the 49 others commit once, each with its own result', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    await runner.transact((tx) => tx.insertWork(testWorkSpec('shared')));
    const failure = new Error('bug in the caller');
    let failedRuns = 0;
    const before = runner.stats();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        runner.transact((tx) => {
          if (i === 20) {
            failedRuns++;
            tx.updateWork('shared', { generation: 99 });
            tx.insertWork(testWorkSpec('doomed'));
            throw failure;
          }
          const generation = tx.getWork('shared')!.generation;
          tx.updateWork('shared', { generation: generation + 1 });
          tx.insertWork(testWorkSpec(`w${i}`));
          return generation;
        }),
      ),
    );
    expect(failedRuns).toBe(1);
    expect(results[20]).toEqual({ status: 'rejected', reason: failure });
    const values = results.filter((_, i) => i !== 20).map((r) => (r as { value: number }).value);
    expect(values).toEqual(Array.from({ length: 49 }, (_, i) => i));
    expect(runner.stats().commits - before.commits).toBe(1);
    expect((await runner.transact((tx) => tx.getWork('shared')))?.generation).toBe(49);
    expect(await runner.transact((tx) => tx.getWork('doomed'))).toBeUndefined();
    expect(await runner.transact((tx) => tx.findWorks({}))).toHaveLength(50);
    await runner.close();
  });

  it('a call that catches its own failed write keeps what it wrote before, cache and file alike', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    await runner.transact((tx) => tx.insertWork(testWorkSpec('w')));
    const generation = await runner.transact((tx) => {
      tx.updateWork('w', { generation: 4 });
      expect(() => tx.insertWork(testWorkSpec('w'))).toThrow();
      return tx.getWork('w')?.generation;
    });
    expect(generation).toBe(4);
    const other = new Database(folder.file(), { readonly: true });
    expect(other.prepare(`SELECT generation FROM works WHERE id = 'w'`).pluck().get()).toBe(4);
    other.close();
    await runner.close();
  });

  it(`more works than the cache holds (${MAX_CACHED_WORKS}) are all read back exactly`, async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file(), durability: 'normal' });
    const count = MAX_CACHED_WORKS + 100;
    await runner.transact((tx) => {
      for (let i = 0; i < count; i++) tx.insertWork(testWorkSpec(`w${i}`, { generation: i }));
    });
    const generations = await runner.transact((tx) =>
      Array.from({ length: count }, (_, i) => tx.getWork(`w${i}`)?.generation),
    );
    expect(generations).toEqual(Array.from({ length: count }, (_, i) => i));
    await runner.close();
  });
});
