import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The database every system runs on: the local `test` database unless BENCH_PG_URL says. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs one SQL statement through psql on the bench database; returns its unaligned output. */
export function psql(sql: string): string {
  return execFileSync('psql', [BENCH_POSTGRES_URL, '-qAtc', sql], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .toString()
    .trim();
}

/** A schema name no other run uses, naming the system it is for. */
export function freshSchemaName(systemId: string): string {
  return `wmbench_${systemId.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
}

/** Drops a schema this benchmark created, with everything in it. */
export function dropSchema(schema: string): void {
  psql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** Runs `body` on a fresh schema and drops the schema afterwards, whatever happens. */
export async function onFreshSchema<T>(
  systemId: string,
  body: (schema: string) => Promise<T>,
): Promise<T> {
  const schema = freshSchemaName(systemId);
  try {
    return await body(schema);
  } finally {
    dropSchema(schema);
  }
}

/** Deadlocks PostgreSQL has detected in the bench database since its statistics were reset. */
export function databaseDeadlocks(): number {
  return Number(psql('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()'));
}
