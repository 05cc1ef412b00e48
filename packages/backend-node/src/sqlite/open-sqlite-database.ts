import { accessSync, closeSync, constants, openSync, readSync } from 'node:fs';
import { WorkError } from '@workmanager-ts/core';
import Database from 'better-sqlite3';
import {
  assertSchemaNotTooNew,
  LATEST_SCHEMA_VERSION,
  migrateSchema,
  readSchemaVersion,
} from './schema-migrations.js';
import { toStoreError } from './sqlite-error-mapping.js';
import type { ResolvedSqliteStoreOptions } from './sqlite-store-options.js';

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** How long opening (switching to WAL, migrating) may wait for other processes: it is sync anyway. */
const OPEN_BUSY_TIMEOUT_MILLIS = 5000;

/** Page cache per connection, in KiB (SQLite's negative cache_size). */
const CACHE_KIB = 64 * 1024;

/**
 * Opens (creating if needed) and prepares one connection: checks the file is SQLite and its
 * schema is not newer than this code before anything is written, then sets the per-connection
 * pragmas (WAL, synchronous, foreign keys, busy timeout) and runs pending migrations.
 *
 * @throws WorkError `STORE_CORRUPT` (file bytes left untouched), `SCHEMA_TOO_NEW`,
 *   `STORE_READ_ONLY`, `STORE_BUSY`, `STORE_FAILURE`, or `INVALID_REQUEST` for `:memory:`.
 */
export function openSqliteDatabase(options: ResolvedSqliteStoreOptions): Database.Database {
  const { filename, readonly } = options;
  if (filename === '' || filename === ':memory:' || filename.startsWith('file::memory:')) {
    throw new WorkError(
      'INVALID_REQUEST',
      'The SQLite work store needs a database file (WAL does not work in memory): pass a path, ' +
        'or use memoryStore() for a store that need not survive the process.',
    );
  }
  const exists = assertLooksLikeSqlite(filename);
  if (exists && !readonly && !isWritable(filename)) {
    throw new WorkError(
      'STORE_READ_ONLY',
      `The SQLite database ${filename} is a read-only file: make it writable, or open it with ` +
        'readonly: true to only read it.',
    );
  }
  let db: Database.Database;
  try {
    db = new Database(filename, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw toStoreError(error, filename);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(options.busyTimeoutMillis, OPEN_BUSY_TIMEOUT_MILLIS)}`);
    // Reads only, so a corrupt file or a newer schema is refused before anything is written.
    const version = readSchemaVersion(db);
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    assertSchemaNotTooNew(version, filename);
    if (readonly) {
      if (version < LATEST_SCHEMA_VERSION) {
        throw new WorkError(
          'STORE_READ_ONLY',
          `The SQLite database ${filename} is opened read-only but its schema (version ` +
            `${version}) must first be migrated to version ${LATEST_SCHEMA_VERSION}: open it ` +
            'once without readonly: true.',
        );
      }
    } else {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') {
        throw new WorkError(
          'STORE_FAILURE',
          `The SQLite database ${filename} could not switch to WAL (journal mode is ${String(mode)}): ` +
            'put it on a local file system that supports shared memory.',
        );
      }
    }
    // Not persistent: a reopened WAL connection starts at NORMAL, so set it on every open.
    db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${options.maxPageCount}`);
    if (!readonly) migrateSchema(db, filename);
    db.pragma(`busy_timeout = ${options.busyTimeoutMillis}`);
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error, filename);
  }
}

/**
 * Refuses a non-empty file that does not start with the SQLite header, without opening it
 * through SQLite (which could add journal files or write). Returns whether the file exists.
 */
function assertLooksLikeSqlite(filename: string): boolean {
  let fd: number;
  try {
    fd = openSync(filename, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new WorkError(
      'STORE_FAILURE',
      `The SQLite database ${filename} cannot be read (${(error as Error).message}): check its ` +
        'path and permissions.',
      { cause: error },
    );
  }
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let length: number;
  try {
    length = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (length > 0 && (length < header.length || !header.equals(SQLITE_HEADER))) {
    throw new WorkError(
      'STORE_CORRUPT',
      `The file ${filename} is not a SQLite database (it does not start with the SQLite ` +
        'header); it was left untouched: point filename at another path, or move the file away.',
    );
  }
  return true;
}

function isWritable(filename: string): boolean {
  try {
    accessSync(filename, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
