import { WorkError } from '@workmanager-ts/core';
import type { PoolClient } from 'pg';

/**
 * The numbered schema migrations, oldest first; migration `n` (1-based) takes the schema from
 * version `n - 1` to `n`. Append new ones, never edit one that has shipped. `%s` is the
 * (quoted) schema the store lives in.
 */
export const SCHEMA_MIGRATIONS: readonly string[] = [
  // 1: the whole WorkSpec as JSON (jsonb: parsed once on write, so the generated columns are
  // cheap to extract); every column a query filters or orders on is generated from it, so a
  // write is (id, spec) and the indexes always agree with the document.
  `
  CREATE FUNCTION %s.json_text_array(value jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(e), '{}') FROM jsonb_array_elements_text(value) e $$;

  CREATE TABLE %s.works (
    id text PRIMARY KEY,
    seq bigserial NOT NULL,
    version bigint NOT NULL DEFAULT 0,
    -- Set when a work naming this one as prerequisite is inserted (never cleared): false
    -- spares a conclusion the dependents query.
    has_dependents boolean NOT NULL DEFAULT false,
    spec jsonb NOT NULL,
    state text GENERATED ALWAYS AS (spec->>'state') STORED,
    next_run_at double precision GENERATED ALWAYS AS ((spec->>'nextRunAt')::double precision) STORED,
    required_network_type text
      GENERATED ALWAYS AS (spec->'constraints'->>'requiredNetworkType') STORED,
    requires_charging boolean
      GENERATED ALWAYS AS ((spec->'constraints'->>'requiresCharging')::boolean) STORED,
    requires_battery_not_low boolean
      GENERATED ALWAYS AS ((spec->'constraints'->>'requiresBatteryNotLow')::boolean) STORED,
    requires_device_idle boolean
      GENERATED ALWAYS AS ((spec->'constraints'->>'requiresDeviceIdle')::boolean) STORED,
    requires_storage_not_low boolean
      GENERATED ALWAYS AS ((spec->'constraints'->>'requiresStorageNotLow')::boolean) STORED,
    unique_name text GENERATED ALWAYS AS (spec->>'uniqueName') STORED,
    lease_expires_at double precision
      GENERATED ALWAYS AS ((spec->>'leaseExpiresAt')::double precision) STORED,
    tags text[] GENERATED ALWAYS AS (%s.json_text_array(spec->'tags')) STORED,
    prerequisites text[] GENERATED ALWAYS AS (%s.json_text_array(spec->'prerequisites')) STORED
  );
  CREATE UNIQUE INDEX works_seq ON %s.works (seq);
  CREATE INDEX works_due ON %s.works (next_run_at, seq) WHERE state = 'ENQUEUED';
  CREATE INDEX works_running ON %s.works (lease_expires_at) WHERE state = 'RUNNING';
  CREATE INDEX works_unique_name ON %s.works (unique_name) WHERE unique_name IS NOT NULL;
  CREATE INDEX works_tags ON %s.works USING gin (tags);
  CREATE INDEX works_prerequisites ON %s.works USING gin (prerequisites)
    WHERE cardinality(prerequisites) > 0;

  CREATE TABLE %s.settings (
    key text PRIMARY KEY,
    value double precision NOT NULL
  );
  `,
];

/** The schema version this code writes and understands. */
export const LATEST_SCHEMA_VERSION = SCHEMA_MIGRATIONS.length;

/**
 * Creates the schema if needed and brings it to {@link LATEST_SCHEMA_VERSION} in one
 * transaction, under an advisory lock so that processes starting together migrate once.
 * Refuses (nothing changed) a schema written by a newer version of this library.
 */
export async function migrateSchema(client: PoolClient, schema: string): Promise<void> {
  const quoted = quoteIdentifier(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `workmanager-ts:migrate:${schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_version (version integer NOT NULL)`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${quoted}.schema_version`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > LATEST_SCHEMA_VERSION) {
      throw new WorkError(
        'SCHEMA_TOO_NEW',
        `The PostgreSQL schema ${schema} has version ${current}, newer than version ` +
          `${LATEST_SCHEMA_VERSION} that this version of @workmanager-ts/backend-postgres ` +
          'knows: upgrade the library, or use another schema.',
      );
    }
    for (let version = current + 1; version <= LATEST_SCHEMA_VERSION; version++) {
      await client.query(SCHEMA_MIGRATIONS[version - 1]!.replaceAll('%s', quoted));
    }
    if (current === 0) {
      await client.query(`INSERT INTO ${quoted}.schema_version VALUES ($1)`, [
        LATEST_SCHEMA_VERSION,
      ]);
    } else if (current < LATEST_SCHEMA_VERSION) {
      await client.query(`UPDATE ${quoted}.schema_version SET version = $1`, [
        LATEST_SCHEMA_VERSION,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** A schema name as an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
