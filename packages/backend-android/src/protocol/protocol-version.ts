/**
 * The wire protocol version this package speaks (android-bridge.md §4.4). Bumped only for a
 * breaking change; `hello` negotiates it so an app and a native module of different releases
 * fail early with a `PROTOCOL` error instead of misreading each other.
 */
export const PROTOCOL_VERSION = 1;

/** Every version this side can speak, newest first; sent in `hello`. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = Object.freeze([PROTOCOL_VERSION]);
