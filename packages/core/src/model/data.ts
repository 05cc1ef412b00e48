import { dataSizeInBytes } from './data-size.js';
import { WorkError } from './work-error.js';

/** A single value a {@link Data} entry may hold: androidx's null, Boolean, numbers and String. */
export type DataScalar = null | boolean | number | string;

/**
 * Any value a {@link Data} entry may hold: a scalar, or a homogeneous array of booleans, numbers
 * or strings (string arrays may contain `null`, as in androidx).
 */
export type DataValue =
  | DataScalar
  | readonly boolean[]
  | readonly number[]
  | readonly (string | null)[];

/** A plain object to build {@link Data} from, e.g. `{ url: 'https://…', attempt: 2 }`. */
export type DataInput = Readonly<Record<string, DataValue>>;

const BRAND = Symbol.for('@workmanager-ts/Data');

/**
 * The small, immutable key–value payload passed into and out of workers — androidx's `Data`.
 * Values are validated and sized as androidx would serialize them, so data accepted here also
 * fits on a device (10 240 bytes by default). Build with {@link Data.from}; compare with
 * {@link Data.equals}, never `===`.
 */
export class Data {
  /** No entries: the input, output and progress of work that has none. */
  static readonly EMPTY: Data = new Data(new Map(), 8);

  readonly #entries: ReadonlyMap<string, DataValue>;
  #sizeInBytes: number | undefined;
  /** Lets {@link Data.from} recognise a `Data` built by another copy of this package. */
  readonly [BRAND] = true;

  private constructor(entries: ReadonlyMap<string, DataValue>, sizeInBytes?: number) {
    this.#entries = entries;
    this.#sizeInBytes = sizeInBytes;
    Object.freeze(this);
  }

  /**
   * Validates and copies `input` into an immutable `Data`; a `Data` is returned unchanged.
   * Call it wherever callers hand in a payload, so a bad value fails before anything is stored.
   *
   * @param maxBytes - the serialized-size limit (androidx: 10 240).
   * @throws WorkError `INVALID_DATA` naming the key for a value of an unsupported type (undefined,
   *   object, function, bigint, nested or mixed array, NaN, ±Infinity); `DATA_TOO_LARGE` when
   *   the serialized size exceeds `maxBytes`.
   */
  static from(input: DataInput | Data, maxBytes = 10_240): Data {
    if (input instanceof Data) return input;
    if (isForeignData(input)) return Data.from(input.toObject(), maxBytes);
    const entries = readEntries(input);
    const size = dataSizeInBytes(entries);
    if (size > maxBytes) {
      throw new WorkError(
        'DATA_TOO_LARGE',
        `Data would serialize to ${size} bytes, over the limit of ${maxBytes} bytes; ` +
          'pass large payloads by reference (a file path, a URL or a database key) instead.',
      );
    }
    return entries.size === 0 ? Data.EMPTY : new Data(entries, size);
  }

  /**
   * True for a `Data` from this or another copy of the package — use it instead of
   * `instanceof` on values from outside (worker results, bridges).
   */
  static isData(value: unknown): value is Data {
    return value instanceof Data || isForeignData(value);
  }

  /**
   * Reads what {@link Data.toJSON} wrote. For stores reading their own rows: values are still
   * type-checked, but no size limit applies (the data was checked when it was first built).
   *
   * @throws WorkError `INVALID_DATA` when the text is not JSON of a Data object.
   */
  static fromJSON(text: string): Data {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new WorkError(
        'INVALID_DATA',
        'Stored Data is not valid JSON; the row is corrupt — delete or rewrite it.',
        { cause },
      );
    }
    return Data.fromParsedJSON(parsed);
  }

  /** {@link fromJSON} for a store whose driver already parsed the JSON. */
  static fromParsedJSON(parsed: unknown): Data {
    const entries = readEntries(parsed);
    return entries.size === 0 ? Data.EMPTY : new Data(entries);
  }

  /** The value stored under `key`, or `undefined` when there is none. */
  get(key: string): DataValue | undefined {
    return this.#entries.get(key);
  }

  /** Every key, in insertion order (a fresh array). */
  keys(): string[] {
    return [...this.#entries.keys()];
  }

  /** The number of entries. */
  get size(): number {
    return this.#entries.size;
  }

  /** True when there are no entries, like {@link Data.EMPTY}. */
  isEmpty(): boolean {
    return this.#entries.size === 0;
  }

  /** A fresh plain-object copy, safe to modify (array values stay frozen). */
  toObject(): Record<string, DataValue> {
    return Object.fromEntries(this.#entries);
  }

  /**
   * True for the same keys with equal values, arrays compared element by element — androidx's
   * `Data.equals`. Use it wherever two payloads are compared (e.g. deciding whether a
   * WorkInfo changed).
   */
  equals(other: Data): boolean {
    if (other === this) return true;
    if (other.size !== this.#entries.size) return false;
    for (const [key, value] of this.#entries) {
      const otherValue = other.get(key);
      if (otherValue === undefined || !valuesEqual(value, otherValue)) return false;
    }
    return true;
  }

  /** The byte size of androidx's serialized form (spec §15); computed once. */
  sizeInBytes(): number {
    this.#sizeInBytes ??= dataSizeInBytes(this.#entries);
    return this.#sizeInBytes;
  }

  /** The entries as a plain object, so `JSON.stringify(data)` gives what {@link Data.fromJSON} reads. */
  toJSON(): Record<string, DataValue> {
    return this.toObject();
  }
}

function isForeignData(value: unknown): value is Data {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true &&
    typeof (value as { toObject?: unknown }).toObject === 'function'
  );
}

function readEntries(input: unknown): Map<string, DataValue> {
  if (!isPlainObject(input)) {
    throw new WorkError(
      'INVALID_DATA',
      'Data must be built from a plain object of keys to values, e.g. { url: "…", attempt: 2 }.',
    );
  }
  const entries = new Map<string, DataValue>();
  for (const [key, value] of Object.entries(input)) {
    entries.set(key, readValue(key, value));
  }
  return entries;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function readValue(key: string, value: unknown): DataValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw badValue(key, `${value} is not a finite number`);
    return value;
  }
  if (Array.isArray(value)) return readArray(key, value);
  throw badValue(key, `a value of type ${describe(value)} is not supported`);
}

function readArray(key: string, values: readonly unknown[]): DataValue {
  const copy: unknown[] = [];
  let kind: 'boolean' | 'number' | 'string' | undefined;
  for (let i = 0; i < values.length; i++) {
    const element = values[i];
    const elementKind = element === null ? 'string' : arrayElementKind(typeof element);
    if (elementKind === undefined) {
      throw badValue(key, `array element ${i} of type ${describe(element)} is not supported`);
    }
    if (typeof element === 'number' && !Number.isFinite(element)) {
      throw badValue(key, `array element ${i} (${element}) is not a finite number`);
    }
    kind ??= elementKind;
    if (elementKind !== kind) {
      throw badValue(
        key,
        `arrays must hold one type (all booleans, all numbers, or strings and nulls); element ${i} is a ${elementKind}, not a ${kind}`,
      );
    }
    copy.push(element);
  }
  return Object.freeze(copy) as DataValue;
}

function arrayElementKind(type: string): 'boolean' | 'number' | 'string' | undefined {
  return type === 'boolean' || type === 'number' || type === 'string' ? type : undefined;
}

function badValue(key: string, problem: string): WorkError {
  return new WorkError(
    'INVALID_DATA',
    `Data key ${JSON.stringify(key)}: ${problem}; use null, a boolean, a finite number, a string, or a homogeneous array of those.`,
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'array (nested arrays are not supported)';
  return typeof value;
}

function valuesEqual(a: DataValue, b: DataValue): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}
