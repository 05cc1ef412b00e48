import { randomBytes } from 'node:crypto';
import { silentLogger } from '@workmanager-ts/core';
import pg from 'pg';
import { type PostgresWorkStore, postgresStore } from '../src/index.js';

/**
 * The PostgreSQL the tests run against: the local server (.ci/run starts it), or
 * WORKMANAGER_TEST_POSTGRES for another one.
 */
export const TEST_POSTGRES_URL =
  process.env.WORKMANAGER_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test uses. */
export function freshSchema(prefix = 'wm_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops a test's schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A store on a fresh schema of the test server, dropped by `cleanup`. */
export async function postgresStoreOnFreshSchema(): Promise<{
  store: PostgresWorkStore;
  cleanup: () => Promise<void>;
}> {
  const schema = freshSchema();
  const store = postgresStore({
    connectionString: TEST_POSTGRES_URL,
    schema,
    poolSize: 4,
    logger: silentLogger,
  });
  await store.ready();
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}
