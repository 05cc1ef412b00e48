import { Data, type DataInput, type DataValue, WorkError } from '@workmanager-ts/core';
import { ReservedNames } from './reserved-names.js';

/**
 * `Data` on the wire: a JSON object of the values `Data` allows. The native codec turns it into
 * androidx `Data` (Int-range integers as Int, other integers as Long, fractions as Double,
 * homogeneous arrays as typed arrays) and back.
 */
export type WireData = Readonly<Record<string, DataValue>>;

/**
 * Encodes user data for the wire, refusing keys with the reserved `wm.` prefix: the native
 * codec and the library own those. `allowLibraryKeys` lets the worker runtime send its own
 * `wm.error` output.
 *
 * @throws WorkError `INVALID_DATA` naming the reserved key.
 */
export function encodeWireData(data: Data, what: string, allowLibraryKeys = false): WireData {
  for (const key of data.keys()) {
    if (!key.startsWith(ReservedNames.prefix)) continue;
    if (allowLibraryKeys && key === ReservedNames.errorOutputKey) continue;
    throw new WorkError(
      'INVALID_DATA',
      `${what} key ${JSON.stringify(key)} uses the reserved prefix "${ReservedNames.prefix}" that the Android bridge needs for its own keys; rename the key.`,
    );
  }
  return data.toObject();
}

/**
 * Decodes data received from the native side (output, progress, worker input), re-checking
 * every value's type but not the size: androidx already enforced it on the device.
 *
 * @throws WorkError `INVALID_DATA` when a value is not one `Data` can hold.
 */
export function decodeWireData(wire: unknown): Data {
  if (wire === undefined || wire === null) return Data.EMPTY;
  return Data.from(wire as DataInput, Number.POSITIVE_INFINITY);
}
