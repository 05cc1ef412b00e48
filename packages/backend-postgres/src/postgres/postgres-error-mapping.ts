import { isWorkError, WorkError } from '@workmanager-ts/core';

/** SQLSTATEs after which the whole transaction may simply be run again. */
const TRANSIENT_CONFLICTS = new Set([
  '40P01', // deadlock_detected
  '40001', // serialization_failure
  '23505', // unique_violation: a concurrent insert of the same id; the rerun sees it
]);

export function isTransientConflict(error: unknown): boolean {
  return TRANSIENT_CONFLICTS.has(sqlStateOf(error) ?? '');
}

/** A driver error as a WorkError with a stable code and what to do about it. */
export function toWorkError(error: unknown): unknown {
  if (isWorkError(error)) return error;
  const state = sqlStateOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (state === '53100') {
    return new WorkError('STORE_FULL', `PostgreSQL is out of disk space (${message}).`, {
      cause: error,
    });
  }
  if (state === '25006') {
    return new WorkError(
      'STORE_READ_ONLY',
      `The PostgreSQL server is read-only (a standby?): point the store at the primary (${message}).`,
      { cause: error },
    );
  }
  if (state !== undefined && TRANSIENT_CONFLICTS.has(state)) {
    return new WorkError('STORE_BUSY', `PostgreSQL kept reporting conflicts (${message}).`, {
      cause: error,
    });
  }
  if (state?.startsWith('08') || isConnectionError(error)) {
    return new WorkError(
      'STORE_FAILURE',
      `Cannot reach PostgreSQL (${message}): check that the server runs and the connection string.`,
      { cause: error },
    );
  }
  return new WorkError('STORE_FAILURE', `PostgreSQL failed: ${message}`, { cause: error });
}

/** The SQLSTATE of a database error; undefined for anything else. */
function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT'].includes(code)
  );
}
