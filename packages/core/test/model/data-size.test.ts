import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Data, type DataInput, type DataValue } from '../../src/model/data.js';
import { dataSizeInBytes, modifiedUtf8Length } from '../../src/model/data-size.js';
import { isWorkError } from '../../src/model/work-error.js';

/**
 * An independent androidx Data V1 serializer (spec §15), written the way Java's
 * DataOutputStream writes: real big-endian bytes. It shares no code with data-size.ts.
 */
class JavaDataOutput {
  readonly bytes: number[] = [];
  private readonly scratch = new DataView(new ArrayBuffer(8));

  writeByte(v: number): void {
    this.bytes.push(v & 0xff);
  }
  writeBoolean(v: boolean): void {
    this.writeByte(v ? 1 : 0);
  }
  writeShort(v: number): void {
    this.scratch.setInt16(0, v);
    this.copy(2);
  }
  writeInt(v: number): void {
    this.scratch.setInt32(0, v);
    this.copy(4);
  }
  writeLong(v: bigint): void {
    this.scratch.setBigInt64(0, v);
    this.copy(8);
  }
  writeDouble(v: number): void {
    this.scratch.setFloat64(0, v);
    this.copy(8);
  }
  /** DataOutputStream.writeUTF: unsigned short length, then modified UTF-8 bytes. */
  writeUTF(s: string): void {
    const encoded = encodeModifiedUtf8(s);
    if (encoded.length > 65_535) throw new Error('UTFDataFormatException');
    this.writeShort(encoded.length);
    for (const b of encoded) this.writeByte(b);
  }
  private copy(n: number): void {
    for (let i = 0; i < n; i++) this.bytes.push(this.scratch.getUint8(i));
  }
}

function encodeModifiedUtf8(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) {
      out.push(c);
    } else if (c <= 0x7ff) {
      out.push(0xc0 | ((c >> 6) & 0x1f), 0x80 | (c & 0x3f));
    } else {
      out.push(0xe0 | ((c >> 12) & 0x0f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  return out;
}

const SENTINEL = 'androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d';
const TYPE = { NULL: 0, BOOLEAN: 1, INT: 3, LONG: 4, DOUBLE: 6, STRING: 7 } as const;
const ARRAY_OFFSET = 7; // boolean[] = 8, int[] = 10, long[] = 11, double[] = 13, String[] = 14

type JavaNumber = 'INT' | 'LONG' | 'DOUBLE';
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function javaNumberType(n: number): JavaNumber {
  if (!Number.isInteger(n)) return 'DOUBLE';
  return n >= -(2 ** 31) && n < 2 ** 31 ? 'INT' : 'LONG';
}

function writeNumber(out: JavaDataOutput, type: JavaNumber, n: number): void {
  if (type === 'INT') out.writeInt(n);
  else if (type === 'LONG' && BigInt(n) >= LONG_MIN && BigInt(n) <= LONG_MAX)
    out.writeLong(BigInt(n));
  else out.writeDouble(n); // integers beyond Java's long: same 8 bytes either way
}

function serializeV1(input: Record<string, DataValue>): number[] {
  const out = new JavaDataOutput();
  const entries = Object.entries(input);
  out.writeShort(0xabef);
  out.writeShort(1);
  out.writeInt(entries.length);
  for (const [key, value] of entries) {
    if (value === null) {
      out.writeByte(TYPE.NULL);
    } else if (typeof value === 'boolean') {
      out.writeByte(TYPE.BOOLEAN);
      out.writeBoolean(value);
    } else if (typeof value === 'number') {
      const type = javaNumberType(value);
      out.writeByte(TYPE[type]);
      writeNumber(out, type, value);
    } else if (typeof value === 'string') {
      out.writeByte(TYPE.STRING);
      out.writeUTF(value);
    } else if (value.length === 0) {
      out.writeByte(TYPE.STRING + ARRAY_OFFSET);
      out.writeInt(0);
    } else if (typeof value[0] === 'boolean') {
      out.writeByte(TYPE.BOOLEAN + ARRAY_OFFSET);
      out.writeInt(value.length);
      for (const b of value as readonly boolean[]) out.writeBoolean(b);
    } else if (typeof value[0] === 'number') {
      const numbers = value as readonly number[];
      const types = numbers.map(javaNumberType);
      const type: JavaNumber = types.every((t) => t === 'INT')
        ? 'INT'
        : types.every((t) => t !== 'DOUBLE')
          ? 'LONG'
          : 'DOUBLE';
      out.writeByte(TYPE[type] + ARRAY_OFFSET);
      out.writeInt(numbers.length);
      for (const n of numbers) writeNumber(out, type, n);
    } else {
      out.writeByte(TYPE.STRING + ARRAY_OFFSET);
      out.writeInt(value.length);
      for (const s of value as readonly (string | null)[]) out.writeUTF(s ?? SENTINEL);
    }
    out.writeUTF(key);
  }
  return out.bytes;
}

/** Any UTF-16 code unit, lone surrogates and U+0000 included, plus well-formed astral chars. */
const anyString = (maxLength = 12) =>
  fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\u0000', '\u007f', '\u0080', '\u07ff', '\u0800', '\ud800', '\udfff'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength,
  });

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const anyInteger = fc.oneof(
  int32,
  fc.maxSafeInteger(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 63, 1e300),
);
const anyNumber = fc.oneof(anyInteger, fc.double({ noNaN: true, noDefaultInfinity: true }));

const dataValue: fc.Arbitrary<DataValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  anyNumber,
  anyString(),
  fc.array(fc.boolean(), { maxLength: 5 }),
  fc.array(int32, { maxLength: 5 }),
  fc.array(anyInteger, { maxLength: 5 }),
  fc.array(anyNumber, { maxLength: 5 }),
  fc.array(fc.option(anyString(), { nil: null }), { maxLength: 5 }),
);

const dataInput: fc.Arbitrary<Record<string, DataValue>> = fc.dictionary(anyString(8), dataValue, {
  maxKeys: 8,
});

describe('modifiedUtf8Length', () => {
  it('counts Java modified UTF-8 bytes for each range', () => {
    expect(modifiedUtf8Length('')).toBe(0);
    expect(modifiedUtf8Length('a\u007f')).toBe(2);
    expect(modifiedUtf8Length('\u0000')).toBe(2);
    expect(modifiedUtf8Length('\u0080\u07ff')).toBe(4);
    expect(modifiedUtf8Length('\u0800\uffff')).toBe(6);
    expect(modifiedUtf8Length('😀')).toBe(6); // supplementary: two surrogates, 3 bytes each
    expect(modifiedUtf8Length('\ud800')).toBe(3); // lone surrogate
  });

  test.prop([anyString(64)])(
    'matches the serializer for any string, surrogates and U+0000 included',
    (s) => {
      expect(modifiedUtf8Length(s)).toBe(encodeModifiedUtf8(s).length);
    },
  );
});

describe('dataSizeInBytes', () => {
  it('sizes each Java type as a device would', () => {
    const size = (value: DataValue) => dataSizeInBytes([['k', value]]) - 8 - 1 - 2 - 1;
    expect(dataSizeInBytes([])).toBe(8);
    expect(size(null)).toBe(0);
    expect(size(true)).toBe(1);
    expect(size(2 ** 31 - 1)).toBe(4); // Int
    expect(size(-(2 ** 31))).toBe(4); // Int
    expect(size(2 ** 31)).toBe(8); // Long
    expect(size(0.5)).toBe(8); // Double
    expect(size('ab')).toBe(4);
    expect(size([])).toBe(4);
    expect(size([1, 2])).toBe(4 + 8); // int[]
    expect(size([1, 2 ** 40])).toBe(4 + 16); // long[]
    expect(size([1, 0.5])).toBe(4 + 16); // double[]
    expect(size([true, false, true])).toBe(4 + 3); // boolean[]
    expect(size(['a', null])).toBe(4 + 3 + 2 + SENTINEL.length); // String[] with the null sentinel
  });

  test.prop([dataInput])('Data.sizeInBytes equals the length of the V1 serialization', (input) => {
    const data = Data.from(input, Number.POSITIVE_INFINITY);
    expect(data.sizeInBytes()).toBe(serializeV1(input).length);
  });

  test.prop([dataInput])('the size limit accepts exactly the serialized length', (input) => {
    const length = serializeV1(input).length;
    expect(Data.from(input, length).sizeInBytes()).toBe(length);
    let error: unknown;
    try {
      Data.from(input, length - 1);
    } catch (e) {
      error = e;
    }
    expect(isWorkError(error, 'DATA_TOO_LARGE')).toBe(true);
  });

  it('rejects data one byte over 10 240 bytes and accepts it at exactly 10 240', () => {
    // 8 header + 1 type + (2 + n) string + 2 + 1 key = 14 + n
    const fits: DataInput = { k: 'x'.repeat(10_240 - 14) };
    expect(Data.from(fits).sizeInBytes()).toBe(10_240);
    expect(() => Data.from({ k: 'x'.repeat(10_240 - 13) })).toThrow(
      expect.objectContaining({
        code: 'DATA_TOO_LARGE',
        message: expect.stringContaining('10241'),
      }),
    );
  });
});
