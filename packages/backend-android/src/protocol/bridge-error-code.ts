/**
 * Error codes a native reply may carry (android-bridge.md §4.4 "Errors"). The native side
 * chooses one per failure; {@link toWorkError} turns it into the engine's `WorkError` so that
 * app code handles the same codes on every backend.
 */
export type BridgeErrorCode =
  | 'PROTOCOL'
  | 'UNKNOWN_METHOD'
  | 'INVALID_ARGUMENT'
  | 'DATA_TOO_LARGE'
  | 'NOT_READY'
  | 'UNSUPPORTED'
  | 'UNKNOWN_RUN'
  | 'INTERNAL';

/** All codes, for validating what a host sends back. */
export const BRIDGE_ERROR_CODES: readonly BridgeErrorCode[] = Object.freeze([
  'PROTOCOL',
  'UNKNOWN_METHOD',
  'INVALID_ARGUMENT',
  'DATA_TOO_LARGE',
  'NOT_READY',
  'UNSUPPORTED',
  'UNKNOWN_RUN',
  'INTERNAL',
]);
