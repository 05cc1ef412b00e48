import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/postgres/group-commit.js';
import { dropSchema, freshSchema, TEST_POSTGRES_URL } from '../postgres-test-server.js';

describe('GroupCommit', () => {
  let schema: string;
  let pool: pg.Pool;

  beforeEach(async () => {
    schema = freshSchema('wm_gc');
    pool = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 4 });
    await pool.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (k text PRIMARY KEY)`);
  });

  afterEach(async () => {
    await pool.end();
    await dropSchema(schema);
  });

  const insert = (k: string) => (client: pg.PoolClient) =>
    client.query(`INSERT INTO ${schema}.t VALUES ($1)`, [k]).then(() => k);
  const stored = async () =>
    (await pool.query(`SELECT k FROM ${schema}.t ORDER BY k`)).rows.map((r) => r.k);

  it('calls made while a transaction is open share the next one, and resolve after it commits', async () => {
    const commits = new GroupCommit(pool, 1, 64);
    let transactions = 0;
    const count = (client: pg.PoolClient) =>
      client.query('SELECT txid_current() AS x').then((r) => r.rows[0].x as string);
    const ids = await Promise.all(Array.from({ length: 20 }, () => commits.run(count)));
    transactions = new Set(ids).size;
    // The first call opens a transaction alone; the 19 queued meanwhile share the next one.
    expect(transactions).toBe(2);
  });

  it('a call failing in JS fails alone; the others in its transaction commit', async () => {
    const commits = new GroupCommit(pool, 1, 64);
    const results = await Promise.allSettled([
      commits.run(insert('a')),
      commits.run(insert('b')),
      commits.run(async () => {
        throw new Error('worker bug');
      }),
      commits.run(insert('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await stored()).toEqual(['a', 'b', 'c']);
  });

  it('a database error rejects its call; the calls sharing the aborted transaction run again', async () => {
    await pool.query(`INSERT INTO ${schema}.t VALUES ('taken')`);
    const commits = new GroupCommit(pool, 1, 64);
    const bad = (client: pg.PoolClient) => client.query(`SELECT * FROM ${schema}.missing_table`);
    const results = await Promise.allSettled([
      commits.run(insert('x')),
      commits.run(insert('y')),
      commits.run(bad),
      commits.run(insert('z')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await stored()).toEqual(['taken', 'x', 'y', 'z']);
  });

  it('a duplicate insert is run again, so a call that checks first then sees the row', async () => {
    const commits = new GroupCommit(pool, 2, 64);
    // Both calls check, then insert the same key: the loser's insert fails on the unique key,
    // is run again, and its check then finds the winner's row.
    const insertOnce = (client: pg.PoolClient) =>
      client
        .query(`SELECT 1 FROM ${schema}.t WHERE k = 'once'`)
        .then((r) =>
          r.rowCount
            ? 'found'
            : client.query(`INSERT INTO ${schema}.t VALUES ('once')`).then(() => 'inserted'),
        );
    const outcomes = await Promise.all([commits.run(insertOnce), commits.run(insertOnce)]);
    expect(outcomes.sort()).toEqual(['found', 'inserted']);
    expect(await stored()).toEqual(['once']);
  });
});
