import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Data, type DataInput } from '../../src/model/data.js';
import type { WorkErrorCode } from '../../src/model/work-error.js';

function codeOf(fn: () => unknown): WorkErrorCode | 'no error' {
  try {
    fn();
  } catch (e) {
    return (e as { code: WorkErrorCode }).code;
  }
  return 'no error';
}

describe('Data', () => {
  it('holds every supported value type and reads it back', () => {
    const input: DataInput = {
      nothing: null,
      flag: true,
      count: 3,
      ratio: 0.25,
      big: 2 ** 40,
      name: 'photo',
      flags: [true, false],
      counts: [1, 2, 3],
      names: ['a', null],
      empty: [],
      '': 'empty keys are allowed, as in androidx',
    };
    const data = Data.from(input);
    expect(data.toObject()).toEqual(input);
    expect(data.size).toBe(11);
    expect(data.keys()).toEqual(Object.keys(input));
    expect(data.get('names')).toEqual(['a', null]);
    expect(data.get('missing')).toBeUndefined();
    expect(data.isEmpty()).toBe(false);
  });

  it('is a copy: changing the source object or array does not change it', () => {
    const counts = [1, 2];
    const source: Record<string, number[] | string> = { counts, name: 'a' };
    const data = Data.from(source);
    counts.push(3);
    source.name = 'b';
    expect(data.get('counts')).toEqual([1, 2]);
    expect(data.get('name')).toBe('a');
  });

  it('is immutable: the instance and its arrays are frozen, toObject returns a fresh copy', () => {
    const data = Data.from({ counts: [1, 2] });
    expect(Object.isFrozen(data)).toBe(true);
    expect(Object.isFrozen(data.get('counts'))).toBe(true);
    expect(() => (data.get('counts') as number[]).push(3)).toThrow(TypeError);
    const copy = data.toObject();
    copy.extra = 1;
    expect(data.get('extra')).toBeUndefined();
    expect(data.toObject()).not.toBe(data.toObject());
  });

  it('returns a Data unchanged, and EMPTY for an empty object', () => {
    const data = Data.from({ a: 1 });
    expect(Data.from(data)).toBe(data);
    expect(Data.from({})).toBe(Data.EMPTY);
    expect(Data.EMPTY.isEmpty()).toBe(true);
    expect(Data.EMPTY.size).toBe(0);
    expect(Data.EMPTY.sizeInBytes()).toBe(8);
  });

  it('rejects unsupported values with INVALID_DATA naming the key', () => {
    const bad: Record<string, unknown> = {
      undef: undefined,
      obj: { a: 1 },
      fn: () => 1,
      big: 10n,
      sym: Symbol('s'),
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      negInf: Number.NEGATIVE_INFINITY,
      nested: [[1]],
      mixed: [1, 'a'],
      mixedBool: [true, 1],
      nullInNumbers: [1, null],
      nanInArray: [1, Number.NaN],
      undefinedInArray: ['a', undefined],
      date: new Date(0),
    };
    for (const [key, value] of Object.entries(bad)) {
      let error: unknown;
      try {
        Data.from({ [key]: value } as unknown as DataInput);
      } catch (e) {
        error = e;
      }
      expect(error, key).toMatchObject({ code: 'INVALID_DATA' });
      expect((error as Error).message, key).toContain(JSON.stringify(key));
    }
  });

  it('rejects a sparse array hole and inputs that are not plain objects', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    expect(codeOf(() => Data.from({ holes: [1, , 3] } as unknown as DataInput))).toBe(
      'INVALID_DATA',
    );
    for (const input of [null, 'text', 3, [1], new Map([['a', 1]])]) {
      expect(codeOf(() => Data.from(input as unknown as DataInput))).toBe('INVALID_DATA');
    }
  });

  it('accepts a null-prototype object and a "__proto__" key without touching prototypes', () => {
    const input = JSON.parse('{"__proto__": 1, "b": 2}') as DataInput;
    const data = Data.from(input);
    expect(data.get('__proto__')).toBe(1);
    expect(Object.getPrototypeOf(data.toObject())).toBe(Object.prototype);
    expect(Object.hasOwn(data.toObject(), '__proto__')).toBe(true);
    const bare = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
    expect(Data.from(bare).get('a')).toBe(1);
  });

  it('compares by keys and values, arrays element-wise, in any key order', () => {
    const a = Data.from({ x: 1, list: ['a', null], on: true });
    expect(a.equals(Data.from({ on: true, list: ['a', null], x: 1 }))).toBe(true);
    expect(a.equals(Data.from({ x: 1, list: ['a', 'b'], on: true }))).toBe(false);
    expect(a.equals(Data.from({ x: 1, list: ['a', null] }))).toBe(false);
    expect(a.equals(Data.from({ x: 2, list: ['a', null], on: true }))).toBe(false);
    expect(a.equals(Data.from({ x: 1, list: ['a', null], off: true }))).toBe(false);
    expect(Data.from({ n: null }).equals(Data.from({ m: null }))).toBe(false);
    expect(Data.EMPTY.equals(Data.from({}))).toBe(true);
  });

  it('round-trips through JSON; EMPTY stringifies to {}', () => {
    const data = Data.from({ a: 1, b: [0.5, 2], c: ['x', null], d: null, e: false });
    const text = JSON.stringify(data);
    expect(Data.fromJSON(text).equals(data)).toBe(true);
    expect(JSON.stringify(Data.EMPTY)).toBe('{}');
    expect(Data.fromJSON('{}')).toBe(Data.EMPTY);
  });

  it('fromJSON applies no size limit but still checks types', () => {
    const big = JSON.stringify({ k: 'x'.repeat(20_000) });
    expect(Data.fromJSON(big).sizeInBytes()).toBeGreaterThan(10_240);
    expect(codeOf(() => Data.fromJSON('{"a": {"b": 1}}'))).toBe('INVALID_DATA');
    expect(codeOf(() => Data.fromJSON('[1]'))).toBe('INVALID_DATA');
    expect(codeOf(() => Data.fromJSON('not json'))).toBe('INVALID_DATA');
  });

  it('recognises Data with isData, including a Data from another copy of the package', () => {
    expect(Data.isData(Data.EMPTY)).toBe(true);
    expect(Data.isData({ a: 1 })).toBe(false);
    const foreign = {
      [Symbol.for('@workmanager-ts/Data')]: true,
      toObject: () => ({ a: 1 }),
    };
    expect(Data.isData(foreign)).toBe(true);
    expect(Data.from(foreign as unknown as Data).get('a')).toBe(1);
  });

  const scalar = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
  );
  test.prop([fc.dictionary(fc.string(), scalar, { maxKeys: 6 })])(
    'equals is reflexive and survives a JSON round trip',
    (input) => {
      const data = Data.from(input, Number.POSITIVE_INFINITY);
      expect(data.equals(Data.from(data.toObject(), Number.POSITIVE_INFINITY))).toBe(true);
      expect(Data.fromJSON(JSON.stringify(data)).equals(data)).toBe(true);
    },
  );
});
