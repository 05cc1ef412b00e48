import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Data, isWorkError, type WorkErrorCode } from '@workmanager-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteTransactionRunner } from '../../src/sqlite/sqlite-transaction-runner.js';
import { sqliteTestFolder, testWorkSpec } from './sqlite-test-database.js';

/** The WorkError code `open()` throws, or 'none'. */
function openFailure(open: () => unknown): WorkErrorCode | 'none' | 'other' {
  try {
    open();
    return 'none';
  } catch (error) {
    return isWorkError(error) ? error.code : 'other';
  }
}

const isCode = (code: WorkErrorCode) => (e: unknown) => isWorkError(e, code);

describe('SQLite faults become WorkErrors', () => {
  let folder: ReturnType<typeof sqliteTestFolder>;
  beforeEach(() => {
    folder = sqliteTestFolder();
  });
  afterEach(() => folder.remove());

  it('a file that is not SQLite → STORE_CORRUPT, its bytes untouched', () => {
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));
    writeFileSync(folder.file(), garbage);
    expect(openFailure(() => sqliteTransactionRunner({ filename: folder.file() }))).toBe(
      'STORE_CORRUPT',
    );
    expect(readFileSync(folder.file()).equals(garbage)).toBe(true);
    expect(existsSync(`${folder.file()}-wal`)).toBe(false);
  });

  it('a SQLite header over garbage pages → STORE_CORRUPT, its bytes untouched', () => {
    const bytes = Buffer.alloc(8192, 0xa5);
    Buffer.from('SQLite format 3\0', 'latin1').copy(bytes);
    writeFileSync(folder.file(), bytes);
    expect(openFailure(() => sqliteTransactionRunner({ filename: folder.file() }))).toBe(
      'STORE_CORRUPT',
    );
    expect(readFileSync(folder.file()).equals(bytes)).toBe(true);
  });

  describe('read-only file (chmod 0444 and readonly: true: root ignores the mode bits)', () => {
    beforeEach(async () => {
      const writer = sqliteTransactionRunner({ filename: folder.file() });
      await writer.transact((tx) => tx.insertWork(testWorkSpec('stored')));
      await writer.close();
      chmodSync(folder.file(), 0o444);
    });

    it('reads work; the first write rejects with STORE_READ_ONLY saying so', async () => {
      const runner = sqliteTransactionRunner({ filename: folder.file(), readonly: true });
      expect((await runner.transact((tx) => tx.getWork('stored')))?.id).toBe('stored');
      const write = runner.transact((tx) => tx.insertWork(testWorkSpec('new')));
      const read = runner.transact((tx) => tx.findWorks({}).length);
      await expect(write).rejects.toSatisfy(isCode('STORE_READ_ONLY'));
      await expect(write).rejects.toThrow(/read-only/);
      await expect(read).resolves.toBe(1);
      await runner.close();
    });

    it('a file that would need migrating → STORE_READ_ONLY at open', () => {
      writeFileSync(folder.file('empty.db'), '');
      expect(
        openFailure(() =>
          sqliteTransactionRunner({ filename: folder.file('empty.db'), readonly: true }),
        ),
      ).toBe('STORE_READ_ONLY');
    });
  });

  it('disk full (max_page_count) → the batch rejects STORE_FULL; earlier work stays readable', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file(), maxPageCount: 64 });
    const payload = Data.from({ blob: 'x'.repeat(3000) });
    let acknowledged = 0;
    let failure: unknown;
    for (let i = 0; i < 200 && failure === undefined; i++) {
      // Two calls per batch: both must fail together when the disk is full.
      const batch = [0, 1].map((j) =>
        runner.transact((tx) => tx.insertWork(testWorkSpec(`w${i}-${j}`, { input: payload }))),
      );
      const results = await Promise.allSettled(batch);
      const rejected = results.filter((r) => r.status === 'rejected');
      if (rejected.length > 0) {
        expect(rejected).toHaveLength(2);
        failure = (rejected[0] as PromiseRejectedResult).reason;
      } else {
        acknowledged += 2;
      }
    }
    expect(isWorkError(failure, 'STORE_FULL')).toBe(true);
    expect(acknowledged).toBeGreaterThan(0);
    const stored = await runner.transact((tx) => tx.findWorks({}));
    expect(stored).toHaveLength(acknowledged);
    expect(stored.every((w) => w.input.equals(payload))).toBe(true);
    // Still usable: reads, and writes that need no new page.
    await runner.transact((tx) => tx.setSetting('k', 1));
    expect(await runner.transact((tx) => tx.getSetting('k'))).toBe(1);
    await runner.close();
  });

  it('a prerequisite that does not exist → WORK_NOT_FOUND, nothing of the call kept', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    await expect(
      runner.transact((tx) => tx.insertWork(testWorkSpec('child', { prerequisites: ['ghost'] }))),
    ).rejects.toSatisfy(isCode('WORK_NOT_FOUND'));
    expect(await runner.transact((tx) => tx.getWork('child'))).toBeUndefined();
    await runner.close();
  });

  it('a function that returns a promise, or a tx used after its function → ILLEGAL_STATE', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    await expect(
      runner.transact(async (tx) => {
        tx.insertWork(testWorkSpec('async'));
      }),
    ).rejects.toSatisfy(isCode('ILLEGAL_STATE'));
    expect(await runner.transact((tx) => tx.getWork('async'))).toBeUndefined();
    const leaked = await runner.transact((tx) => tx);
    expect(() => leaked.getWork('async')).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_STATE' }),
    );
    await runner.close();
  });

  it('close() is idempotent and pragmas() after it → STORE_CLOSED', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    await Promise.all([runner.close(), runner.close()]);
    await runner.close();
    expect(() => runner.pragmas()).toThrow(expect.objectContaining({ code: 'STORE_CLOSED' }));
  });
});
