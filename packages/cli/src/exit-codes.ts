import { isWorkError, type WorkErrorCode } from '@workmanager-ts/core';

/**
 * The documented exit codes of `workmanager`, so that scripts can branch on the kind of
 * failure without parsing messages. Listed in the package README.
 */
export const ExitCode = {
  /** The command did what it was asked. */
  OK: 0,
  /** An unexpected error (a bug, or a failure outside workmanager-ts). */
  FAILURE: 1,
  /** The command line or a value in it is invalid (unknown option, bad JSON, bad duration). */
  USAGE: 2,
  /** The work the command names does not exist. */
  NOT_FOUND: 3,
  /** The database is missing or could not be used: busy, read-only, full, corrupt or too new. */
  STORE: 4,
  /** The request is valid but not allowed in the current state (e.g. UPDATE on a chain). */
  REJECTED: 5,
  /** `run` was stopped at once by a second signal (128 + SIGINT). */
  INTERRUPTED: 130,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const BY_CODE: Readonly<Record<WorkErrorCode, ExitCode>> = {
  INVALID_REQUEST: ExitCode.USAGE,
  INVALID_DATA: ExitCode.USAGE,
  DATA_TOO_LARGE: ExitCode.USAGE,
  INVALID_QUERY: ExitCode.USAGE,
  INVALID_CONTINUATION: ExitCode.USAGE,
  WORK_NOT_FOUND: ExitCode.NOT_FOUND,
  UNSUPPORTED_OPERATION: ExitCode.REJECTED,
  ILLEGAL_STATE: ExitCode.REJECTED,
  STORE_CLOSED: ExitCode.STORE,
  STORE_BUSY: ExitCode.STORE,
  STORE_CORRUPT: ExitCode.STORE,
  STORE_READ_ONLY: ExitCode.STORE,
  STORE_FULL: ExitCode.STORE,
  SCHEMA_TOO_NEW: ExitCode.STORE,
  STORE_FAILURE: ExitCode.STORE,
  BRIDGE_FAILURE: ExitCode.FAILURE,
};

/** The exit code a failed command ends with: by WorkError code, else {@link ExitCode.FAILURE}. */
export function exitCodeFor(error: unknown): ExitCode {
  return isWorkError(error) ? BY_CODE[error.code] : ExitCode.FAILURE;
}
