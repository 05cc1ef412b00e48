import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Data } from '../../src/model/data.js';
import { isWorkError } from '../../src/model/work-error.js';
import { mergeInputs } from '../../src/rules/input-merger.js';

function expectInvalidData(run: () => unknown): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(isWorkError(thrown, 'INVALID_DATA')).toBe(true);
}

describe('mergeInputs — OVERWRITING', () => {
  it('CH-07 a prerequisite’s output overrides the work’s own input on a shared key', () => {
    const merged = mergeInputs('OVERWRITING', [
      Data.from({ a: 1, b: 'own' }),
      Data.from({ b: 'prerequisite', c: true }),
    ]);
    expect(merged.toObject()).toEqual({ a: 1, b: 'prerequisite', c: true });
  });

  it('merges nothing into EMPTY', () => {
    expect(mergeInputs('OVERWRITING', [])).toBe(Data.EMPTY);
    expect(mergeInputs('ARRAY_CREATING', [Data.EMPTY])).toBe(Data.EMPTY);
  });

  it('applies no size limit to the merged result', () => {
    const big = 'x'.repeat(6_000);
    const merged = mergeInputs('OVERWRITING', [Data.from({ a: big }), Data.from({ b: big })]);
    expect(merged.sizeInBytes()).toBeGreaterThan(10_240);
  });
});

describe('mergeInputs — ARRAY_CREATING', () => {
  it('CH-15 a combine of {myint:0} and {myint:1, mystring:"hello"}', () => {
    const merged = mergeInputs('ARRAY_CREATING', [
      Data.EMPTY,
      Data.from({ myint: 0 }),
      Data.from({ myint: 1, mystring: 'hello' }),
    ]);
    expect(merged.toObject()).toEqual({ myint: [0, 1], mystring: ['hello'] });
  });

  it('keeps a first array as it is, concatenates arrays and appends scalars of the element type', () => {
    const merged = mergeInputs('ARRAY_CREATING', [
      Data.from({ n: [1, 2] }),
      Data.from({ n: [3] }),
      Data.from({ n: 4 }),
    ]);
    expect(merged.get('n')).toEqual([1, 2, 3, 4]);
  });

  it('counts null as a string', () => {
    const merged = mergeInputs('ARRAY_CREATING', [
      Data.from({ s: null }),
      Data.from({ s: 'a' }),
      Data.from({ s: ['b', null] }),
    ]);
    expect(merged.get('s')).toEqual([null, 'a', 'b', null]);
  });

  it('throws INVALID_DATA for values of different types under one key', () => {
    expectInvalidData(() =>
      mergeInputs('ARRAY_CREATING', [Data.from({ k: 1 }), Data.from({ k: 'one' })]),
    );
    expectInvalidData(() =>
      mergeInputs('ARRAY_CREATING', [Data.from({ k: [true] }), Data.from({ k: [1] })]),
    );
    expectInvalidData(() =>
      mergeInputs('ARRAY_CREATING', [Data.from({ k: null }), Data.from({ k: false })]),
    );
  });

  it('lets an empty array join values of any type', () => {
    const merged = mergeInputs('ARRAY_CREATING', [Data.from({ k: [] }), Data.from({ k: true })]);
    expect(merged.get('k')).toEqual([true]);
  });

  it('merging scalars gives, per key, one element for each input that has the key', () => {
    const arbitraryInput = fc.record(
      {
        n: fc.integer(),
        s: fc.option(fc.string(), { nil: null }),
        b: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(arbitraryInput, { maxLength: 10 }), (inputs) => {
        const merged = mergeInputs(
          'ARRAY_CREATING',
          inputs.map((input) => Data.from(input)),
        );
        for (const key of ['n', 's', 'b'] as const) {
          const values = inputs.filter((i) => key in i).map((i) => i[key]);
          if (values.length === 0) expect(merged.get(key)).toBeUndefined();
          else expect(merged.get(key)).toEqual(values);
        }
      }),
    );
  });
});
