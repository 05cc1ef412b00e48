import type { DataValue } from './data.js';

/**
 * What androidx writes for a `null` element of a String array (spec §15). Counted in the size so
 * that an array with nulls measures exactly as on a device.
 */
export const NULL_STRING_SENTINEL = 'androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d';

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/**
 * The number of bytes Java's `DataOutputStream.writeUTF` spends on `s` (modified UTF-8, without
 * the 2-byte length prefix): U+0001–U+007F take 1 byte, U+0000 and U+0080–U+07FF take 2, every
 * other UTF-16 code unit takes 3 — so a supplementary character (two surrogates) takes 6.
 * Used to size `Data` exactly as androidx does.
 */
export function modifiedUtf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0x0001 && unit <= 0x007f) bytes += 1;
    else if (unit <= 0x07ff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/**
 * The size androidx's serialized `Data` (format V1, spec §15) would have for these entries:
 * `8 + Σ (1 + valueBytes + 2 + modifiedUtf8Length(key))`. Checked against
 * `WorkSemantics.maxDataBytes` so that data accepted here also fits on a device.
 *
 * JavaScript numbers are sized as the Java type a device would store them as:
 * - an integer in [-2^31, 2^31 - 1] is an `Int` (4 bytes);
 * - any other integer is a `Long` (8 bytes);
 * - a non-integer is a `Double` (8 bytes).
 *
 * Arrays cost 4 bytes (length) plus their elements: numbers that are all Int-range integers form
 * an `int[]` (4 each), otherwise a `long[]` or `double[]` (8 each); booleans 1 each; strings
 * 2 + modifiedUtf8Length each, a `null` element sized as {@link NULL_STRING_SENTINEL}. An empty
 * array is 4 bytes whatever its type. `null` values cost 0 value bytes; booleans 1.
 */
export function dataSizeInBytes(entries: Iterable<readonly [string, DataValue]>): number {
  let total = 8; // short magic, short version, int entry count
  for (const [key, value] of entries) {
    total += 1 + valueSizeInBytes(value) + 2 + modifiedUtf8Length(key);
  }
  return total;
}

function valueSizeInBytes(value: DataValue): number {
  if (value === null) return 0;
  switch (typeof value) {
    case 'boolean':
      return 1;
    case 'number':
      return isIntRange(value) ? 4 : 8;
    case 'string':
      return 2 + modifiedUtf8Length(value);
  }
  return 4 + arrayElementsSize(value);
}

function arrayElementsSize(values: readonly (boolean | number | string | null)[]): number {
  if (values.length === 0) return 0;
  const first = values[0];
  if (typeof first === 'boolean') return values.length;
  if (typeof first === 'number') {
    const allInts = (values as readonly number[]).every(isIntRange);
    return values.length * (allInts ? 4 : 8);
  }
  let bytes = 0;
  for (const element of values as readonly (string | null)[]) {
    bytes += 2 + modifiedUtf8Length(element ?? NULL_STRING_SENTINEL);
  }
  return bytes;
}

function isIntRange(n: number): boolean {
  return Number.isInteger(n) && n >= INT_MIN && n <= INT_MAX;
}
