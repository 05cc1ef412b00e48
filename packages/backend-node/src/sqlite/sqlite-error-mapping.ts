import { WorkError } from '@workmanager-ts/core';
import Database from 'better-sqlite3';

/** better-sqlite3's error: `code` is SQLite's extended result code, e.g. `SQLITE_BUSY`. */
export type SqliteError = InstanceType<typeof Database.SqliteError>;

/** True for an error raised by SQLite itself (as opposed to one thrown by caller code). */
export function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Database.SqliteError;
}

/** True when another connection holds the lock: worth retrying later, not a fault. */
export function isSqliteBusy(error: unknown): boolean {
  return (
    isSqliteError(error) &&
    (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED'))
  );
}

/**
 * True for faults after which SQLite may have rolled back the whole transaction (disk full,
 * I/O error, corruption, out of memory), so that a batch cannot go on past them.
 */
export function isSqliteStorageFault(error: unknown): boolean {
  if (!isSqliteError(error)) return false;
  const { code } = error;
  return (
    code.startsWith('SQLITE_FULL') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CORRUPT') ||
    code.startsWith('SQLITE_NOTADB') ||
    code.startsWith('SQLITE_NOMEM')
  );
}

/**
 * Turns a SQLite error into the WorkError a store caller can act on; anything else (a
 * WorkError, an error thrown by the caller's own function) is returned unchanged.
 */
export function toStoreError(error: unknown, filename: string): unknown {
  if (!isSqliteError(error)) return error;
  const code = error.code;
  const options = { cause: error };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new WorkError(
      'STORE_BUSY',
      `The SQLite database ${filename} stayed locked by another connection: retry later, or ` +
        'raise maxBusyRetries if several processes write to it at once.',
      options,
    );
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new WorkError(
      'STORE_FULL',
      `The SQLite database ${filename} is full (the disk is full or maxPageCount is reached): ` +
        'nothing of this batch was written and earlier work is intact; free disk space or ' +
        'prune finished work, then retry.',
      options,
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new WorkError(
      'STORE_READ_ONLY',
      `The SQLite database ${filename} is read-only (${code}): it can be read but not written; ` +
        'open it without readonly: true and make the file and its folder writable to write.',
      options,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return new WorkError(
      'STORE_CORRUPT',
      `The SQLite database ${filename} is corrupt or not a SQLite file (${code}): restore it ` +
        'from a backup or move it away to start with an empty store.',
      options,
    );
  }
  return new WorkError(
    'STORE_FAILURE',
    `The SQLite database ${filename} failed (${code}: ${error.message}); check the file, its ` +
      'folder and free disk space.',
    options,
  );
}
