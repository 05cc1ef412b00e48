import { WorkError } from '@workmanager-ts/core';
import type Database from 'better-sqlite3';

/**
 * The numbered schema migrations, oldest first; migration `n` (1-based) takes the schema from
 * version `n - 1` to `n`, recorded in SQLite's `user_version`. Append new ones, never edit one
 * that has shipped: files in the field were built by it.
 */
export const SCHEMA_MIGRATIONS: readonly string[] = [
  // 1: one table per concept. Infinity (never) is stored as NULL in next_run_at and
  // next_schedule_time_override; booleans as 0/1; Data as JSON text.
  `
  CREATE TABLE works (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    worker_name TEXT NOT NULL,
    state TEXT NOT NULL,
    input TEXT NOT NULL,
    output TEXT NOT NULL,
    progress TEXT NOT NULL,
    input_merger TEXT NOT NULL,
    initial_delay INTEGER NOT NULL,
    interval_duration INTEGER NOT NULL,
    flex_duration INTEGER NOT NULL,
    required_network_type TEXT NOT NULL,
    requires_charging INTEGER NOT NULL,
    requires_battery_not_low INTEGER NOT NULL,
    requires_device_idle INTEGER NOT NULL,
    requires_storage_not_low INTEGER NOT NULL,
    run_attempt_count INTEGER NOT NULL,
    backoff_policy TEXT NOT NULL,
    backoff_delay INTEGER NOT NULL,
    last_enqueue_time INTEGER NOT NULL,
    minimum_retention INTEGER NOT NULL,
    expedited INTEGER NOT NULL,
    out_of_quota_policy TEXT NOT NULL,
    period_count INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    next_schedule_time_override INTEGER,
    next_schedule_time_override_generation INTEGER NOT NULL,
    stop_reason INTEGER NOT NULL,
    unique_name TEXT,
    next_run_at INTEGER,
    run_owner TEXT,
    lease_expires_at INTEGER NOT NULL,
    run_override_generation INTEGER NOT NULL
  );
  CREATE INDEX works_due ON works (
    next_run_at, seq, required_network_type, requires_charging, requires_battery_not_low,
    requires_device_idle, requires_storage_not_low
  ) WHERE state = 'ENQUEUED';
  CREATE INDEX works_running ON works (lease_expires_at) WHERE state = 'RUNNING';
  CREATE INDEX works_unique_name ON works (unique_name) WHERE unique_name IS NOT NULL;

  CREATE TABLE work_tags (
    tag TEXT NOT NULL,
    work_id TEXT NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    UNIQUE (work_id, tag)
  );
  CREATE INDEX work_tags_tag ON work_tags (tag);

  CREATE TABLE work_dependencies (
    work_id TEXT NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    prerequisite_id TEXT NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    UNIQUE (work_id, prerequisite_id)
  );
  CREATE INDEX work_dependencies_prerequisite ON work_dependencies (prerequisite_id);

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value NUMERIC NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: tags and prerequisites also as JSON arrays (insertion order) on the work's own row, so a
  // work is read from one row without correlated subqueries; work_tags and work_dependencies
  // stay as the indexes of "works with tag" and "dependents of".
  `
  ALTER TABLE works ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE works ADD COLUMN prerequisites TEXT NOT NULL DEFAULT '[]';
  UPDATE works SET
    tags = (SELECT json_group_array(t.tag ORDER BY t.rowid) FROM work_tags t
      WHERE t.work_id = works.id),
    prerequisites = (SELECT json_group_array(d.prerequisite_id ORDER BY d.rowid)
      FROM work_dependencies d WHERE d.work_id = works.id);
  `,
  // 3: the side tables keyed by their natural key WITHOUT ROWID (one B-tree each instead of a
  // table plus a unique index: a tag costs about a sixth of what it did on insert). Their
  // rowid order is no longer needed since version 2 keeps the order on the work's row.
  `
  CREATE TABLE work_tags_v3 (
    work_id TEXT NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (work_id, tag)
  ) WITHOUT ROWID;
  INSERT INTO work_tags_v3 (work_id, tag) SELECT work_id, tag FROM work_tags;
  DROP TABLE work_tags;
  ALTER TABLE work_tags_v3 RENAME TO work_tags;
  CREATE INDEX work_tags_tag ON work_tags (tag);

  CREATE TABLE work_dependencies_v3 (
    work_id TEXT NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    prerequisite_id TEXT NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    PRIMARY KEY (work_id, prerequisite_id)
  ) WITHOUT ROWID;
  INSERT INTO work_dependencies_v3 (work_id, prerequisite_id)
    SELECT work_id, prerequisite_id FROM work_dependencies;
  DROP TABLE work_dependencies;
  ALTER TABLE work_dependencies_v3 RENAME TO work_dependencies;
  CREATE INDEX work_dependencies_prerequisite ON work_dependencies (prerequisite_id);
  `,
];

/** The schema version this code writes and understands. */
export const LATEST_SCHEMA_VERSION = SCHEMA_MIGRATIONS.length;

/** Reads the schema version recorded in the file (0 for a new, empty database). */
export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Refuses a file written by a newer version of this library, before anything is changed:
 * its rows may mean things this code does not know.
 */
export function assertSchemaNotTooNew(version: number, filename: string): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new WorkError(
      'SCHEMA_TOO_NEW',
      `The SQLite database ${filename} has schema version ${version}, newer than version ` +
        `${LATEST_SCHEMA_VERSION} that this version of @workmanager-ts/backend-node knows: ` +
        'upgrade the library, or use another file.',
    );
  }
}

/**
 * Brings the schema up to {@link LATEST_SCHEMA_VERSION} inside one write transaction. Safe when
 * several processes open the same file at once: the version is read again under the lock.
 */
export function migrateSchema(db: Database.Database, filename: string): void {
  if (readSchemaVersion(db) === LATEST_SCHEMA_VERSION) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = readSchemaVersion(db);
    assertSchemaNotTooNew(current, filename);
    for (let version = current + 1; version <= LATEST_SCHEMA_VERSION; version++) {
      db.exec(SCHEMA_MIGRATIONS[version - 1]!);
      db.pragma(`user_version = ${version}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
