import { Data, type DataScalar, type DataValue } from '../model/data.js';
import type { InputMerger } from '../model/input-merger.js';
import { WorkError } from '../model/work-error.js';

/**
 * The input a one-time worker sees (spec §6.3): its own input first, then its direct
 * prerequisites' outputs, combined by the work's merger. OVERWRITING lets later entries win;
 * ARRAY_CREATING collects every value of a key into one array. The result has no size limit
 * (androidx does not re-check merged data either).
 *
 * @throws WorkError `INVALID_DATA` when ARRAY_CREATING meets values of different types under one
 *   key; the work should then FAIL, as androidx's IllegalArgumentException makes it.
 */
export function mergeInputs(merger: InputMerger, inputs: readonly Data[]): Data {
  const merged: Record<string, DataValue> = {};
  if (merger === 'OVERWRITING') {
    for (const input of inputs) Object.assign(merged, input.toObject());
  } else {
    for (const input of inputs) {
      for (const key of input.keys()) {
        const value = input.get(key) as DataValue;
        const existing = merged[key];
        merged[key] = existing === undefined ? asArray(value) : appendValue(key, existing, value);
      }
    }
  }
  return Data.from(merged, Number.POSITIVE_INFINITY);
}

/** Data's three value types in androidx's terms; null counts as a String. */
type ValueType = 'boolean' | 'number' | 'string';

function scalarType(value: DataScalar): ValueType {
  return value === null ? 'string' : (typeof value as ValueType);
}

/** The element type of an array, or undefined for an empty one (which fits any type). */
function elementType(values: readonly DataScalar[]): ValueType | undefined {
  return values.length === 0 ? undefined : scalarType(values[0] as DataScalar);
}

function asArray(value: DataValue): DataValue {
  return Array.isArray(value) ? value : ([value] as DataValue);
}

/**
 * ArrayCreatingInputMerger's rule for a key seen before (`existing` is always an array): an
 * array of the same type is concatenated, a scalar of the element type appended.
 */
function appendValue(key: string, existing: DataValue, value: DataValue): DataValue {
  const current = existing as readonly DataScalar[];
  const currentType = elementType(current);
  const added: readonly DataScalar[] = Array.isArray(value) ? value : [value as DataScalar];
  const addedType = Array.isArray(value) ? elementType(added) : scalarType(value as DataScalar);
  if (currentType !== undefined && addedType !== undefined && currentType !== addedType) {
    throw new WorkError(
      'INVALID_DATA',
      `ARRAY_CREATING cannot merge a ${addedType} into the ${currentType} values of key ${JSON.stringify(key)}; ` +
        'give the key one type in every input, or use the OVERWRITING merger.',
    );
  }
  return [...current, ...added] as DataValue;
}
