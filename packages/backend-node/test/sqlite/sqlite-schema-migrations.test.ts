import { readFileSync } from 'node:fs';
import { isWorkError } from '@workmanager-ts/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, SCHEMA_MIGRATIONS } from '../../src/sqlite/schema-migrations.js';
import { sqliteTransactionRunner } from '../../src/sqlite/sqlite-transaction-runner.js';
import { encodeWork, WORK_COLUMNS } from '../../src/sqlite/work-row-codec.js';
import { sqliteTestFolder, testWorkSpec } from './sqlite-test-database.js';

describe('SQLite schema and connection settings', () => {
  let folder: ReturnType<typeof sqliteTestFolder>;
  beforeEach(() => {
    folder = sqliteTestFolder();
  });
  afterEach(() => folder.remove());

  it('creates the latest schema in a new file, one table per concept', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    expect(runner.pragmas().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    await runner.close();
    const db = new Database(folder.file(), { readonly: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    const columns = db
      .prepare("SELECT name FROM pragma_table_info('works') WHERE name <> 'seq'")
      .pluck()
      .all();
    db.close();
    expect(tables).toEqual(['settings', 'work_dependencies', 'work_tags', 'works']);
    expect(columns).toEqual(WORK_COLUMNS);
    expect(encodeWork(testWorkSpec('x'))).toHaveLength(WORK_COLUMNS.length);
  });

  it('reopens a file without migrating again and keeps its rows', async () => {
    const first = sqliteTransactionRunner({ filename: folder.file() });
    await first.transact((tx) => tx.insertWork(testWorkSpec('kept')));
    await first.close();
    const second = sqliteTransactionRunner({ filename: folder.file() });
    expect(second.pragmas().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect((await second.transact((tx) => tx.getWork('kept')))?.id).toBe('kept');
    await second.close();
  });

  it('migrates a version 1 file: tags and prerequisites copied onto each row, in insertion order', async () => {
    const v1 = new Database(folder.file());
    v1.exec(SCHEMA_MIGRATIONS[0]!);
    v1.pragma('user_version = 1');
    const v1Columns = WORK_COLUMNS.slice(0, -2);
    const insert = v1.prepare(
      `INSERT INTO works (${v1Columns.join(', ')}) VALUES (${v1Columns.map(() => '?').join(', ')})`,
    );
    for (const id of ['a', 'b', 'c']) insert.run(encodeWork(testWorkSpec(id)).slice(0, -2));
    const tag = v1.prepare('INSERT INTO work_tags (tag, work_id) VALUES (?, ?)');
    tag.run('zeta', 'c');
    tag.run('alpha', 'c');
    const dependency = v1.prepare(
      'INSERT INTO work_dependencies (work_id, prerequisite_id) VALUES (?, ?)',
    );
    dependency.run('c', 'b');
    dependency.run('c', 'a');
    v1.close();

    const runner = sqliteTransactionRunner({ filename: folder.file() });
    expect(runner.pragmas().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const [a, c] = await runner.transact((tx) => [tx.getWork('a'), tx.getWork('c')]);
    expect(a).toMatchObject({ tags: [], prerequisites: [] });
    expect(c).toMatchObject({ tags: ['zeta', 'alpha'], prerequisites: ['b', 'a'] });
    expect(await runner.transact((tx) => tx.getDependentIds('a'))).toEqual(['c']);
    const tagged = await runner.transact((tx) => tx.findWorks({ tags: ['alpha'] }));
    expect(tagged.map((w) => w.id)).toEqual(['c']);
    await runner.transact((tx) => tx.deleteWork('b'));
    expect((await runner.transact((tx) => tx.getWork('c')))?.prerequisites).toEqual(['a']);
    await runner.close();
  });

  it('refuses a file with a newer schema, naming both versions, and changes nothing', async () => {
    const db = new Database(folder.file());
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(folder.file());
    let thrown: unknown;
    try {
      sqliteTransactionRunner({ filename: folder.file() });
    } catch (error) {
      thrown = error;
    }
    expect(isWorkError(thrown, 'SCHEMA_TOO_NEW')).toBe(true);
    expect((thrown as Error).message).toContain(`version ${LATEST_SCHEMA_VERSION + 1}`);
    expect((thrown as Error).message).toContain(`version ${LATEST_SCHEMA_VERSION} `);
    expect(readFileSync(folder.file()).equals(before)).toBe(true);
  });

  it('sets WAL, synchronous = FULL and foreign keys on a reopened connection', async () => {
    await sqliteTransactionRunner({ filename: folder.file(), durability: 'normal' }).close();
    // A plain reopen of a WAL file starts at NORMAL (1): the runner must set FULL itself.
    const plain = new Database(folder.file());
    expect(plain.pragma('synchronous', { simple: true })).toBe(1);
    plain.close();
    const runner = sqliteTransactionRunner({ filename: folder.file(), busyTimeoutMillis: 7 });
    expect(runner.pragmas()).toMatchObject({
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: true,
      busyTimeoutMillis: 7,
    });
    await runner.close();
    const normal = sqliteTransactionRunner({ filename: folder.file(), durability: 'normal' });
    expect(normal.pragmas().synchronous).toBe(1);
    await normal.close();
  });

  it('declares itself durable and multi-process', async () => {
    const runner = sqliteTransactionRunner({ filename: folder.file() });
    expect(runner.capabilities).toEqual({ durable: true, multiProcess: true });
    await runner.close();
  });

  it('refuses :memory:, since WAL needs a file', () => {
    expect(() => sqliteTransactionRunner({ filename: ':memory:' })).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
  });
});
