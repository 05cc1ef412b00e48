import { WorkError, type WorkErrorCode } from '@workmanager-ts/core';
import type { BridgeErrorCode } from './bridge-error-code.js';
import type { WireError } from './envelope.js';

const DEFAULT_CODES: Readonly<Record<BridgeErrorCode, WorkErrorCode>> = {
  PROTOCOL: 'BRIDGE_FAILURE',
  UNKNOWN_METHOD: 'BRIDGE_FAILURE',
  INVALID_ARGUMENT: 'INVALID_REQUEST',
  DATA_TOO_LARGE: 'DATA_TOO_LARGE',
  NOT_READY: 'ILLEGAL_STATE',
  UNSUPPORTED: 'UNSUPPORTED_OPERATION',
  UNKNOWN_RUN: 'ILLEGAL_STATE',
  INTERNAL: 'BRIDGE_FAILURE',
};

const WORK_ERROR_CODES: ReadonlySet<string> = new Set<WorkErrorCode>([
  'INVALID_REQUEST',
  'INVALID_DATA',
  'DATA_TOO_LARGE',
  'INVALID_QUERY',
  'INVALID_CONTINUATION',
  'WORK_NOT_FOUND',
  'UNSUPPORTED_OPERATION',
  'ILLEGAL_STATE',
  'BRIDGE_FAILURE',
]);

/**
 * Turns a native error reply into the engine's `WorkError`, so app code catches the same codes
 * on every backend. `details.workErrorCode` (e.g. `WORK_NOT_FOUND` for `updateWork` on an
 * unknown id) wins over the default mapping of the wire code. The wire code is kept in the
 * message for debugging.
 */
export function toWorkError(method: string, error: WireError): WorkError {
  const finer = error.details?.workErrorCode;
  const code =
    typeof finer === 'string' && WORK_ERROR_CODES.has(finer)
      ? (finer as WorkErrorCode)
      : (DEFAULT_CODES[error.code] ?? 'BRIDGE_FAILURE');
  return new WorkError(code, `${error.message} (native ${method}: ${error.code})`);
}
