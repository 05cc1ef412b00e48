import { ERROR_OUTPUT_KEY, RESERVED_PREFIX } from '@workmanager-ts/core';

/**
 * Names this package puts into androidx.work's tags and `Data` keys (android-bridge.md §4.4
 * "Reserved names"). Core's `RESERVED_PREFIX` (`wm.`) is the single source; user tags and keys
 * with it are rejected so that they can never be mistaken for these.
 */
export const ReservedNames = Object.freeze({
  prefix: RESERVED_PREFIX,
  /** Tag carrying the worker name: WorkInfo has no worker field, and Data would be merged over. */
  workerTagPrefix: `${RESERVED_PREFIX}worker:`,
  /** Tag carrying the unique work name: WorkInfo has no unique-name field. */
  uniqueTagPrefix: `${RESERVED_PREFIX}unique:`,
  /** Data key prefix under which the native codec keeps values androidx `Data` cannot hold. */
  jsonKeyPrefix: `${RESERVED_PREFIX}json.`,
  /** The one reserved key the library itself writes into output (why a run failed). */
  errorOutputKey: ERROR_OUTPUT_KEY,
});
