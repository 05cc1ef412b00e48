/**
 * Stable codes for every error this library throws. Code, not message, is the contract:
 * messages may be reworded, codes never change meaning.
 */
export type WorkErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_DATA'
  | 'DATA_TOO_LARGE'
  | 'INVALID_QUERY'
  | 'INVALID_CONTINUATION'
  | 'WORK_NOT_FOUND'
  | 'UNSUPPORTED_OPERATION'
  | 'ILLEGAL_STATE'
  | 'STORE_CLOSED'
  | 'STORE_BUSY'
  | 'STORE_CORRUPT'
  | 'STORE_READ_ONLY'
  | 'STORE_FULL'
  | 'SCHEMA_TOO_NEW'
  | 'STORE_FAILURE'
  | 'BRIDGE_FAILURE';

const BRAND = Symbol.for('@workmanager-ts/WorkError');

/**
 * The one error class of workmanager-ts. Thrown for invalid requests before anything is
 * written, and by stores for I/O faults. Use {@link isWorkError} rather than `instanceof`,
 * which fails when two copies of the package are installed.
 */
export class WorkError extends Error {
  readonly code: WorkErrorCode;
  readonly [BRAND] = true;

  constructor(code: WorkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkError';
    this.code = code;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isWorkError(value);
  }
}

/** True for any WorkError, from any copy of this package. */
export function isWorkError(value: unknown, code?: WorkErrorCode): value is WorkError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (value as WorkError).code === code;
}
