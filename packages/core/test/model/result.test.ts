import { describe, expect, it } from 'vitest';
import { Data } from '../../src/model/data.js';
import { isWorkerResult, Result } from '../../src/model/result.js';

describe('Result', () => {
  it('success and failure carry their output as Data, empty by default', () => {
    const success = Result.success({ url: 'u' });
    expect(success.type).toBe('success');
    expect(success.outputData.get('url')).toBe('u');
    expect(Result.success().outputData).toBe(Data.EMPTY);
    const output = Data.from({ reason: 'no network' });
    const failure = Result.failure(output);
    expect(failure.type).toBe('failure');
    expect(failure.outputData).toBe(output);
    expect(Result.failure().outputData).toBe(Data.EMPTY);
    expect(Object.isFrozen(success)).toBe(true);
  });

  it('retry always has empty output', () => {
    expect(Result.retry()).toEqual({ type: 'retry', outputData: Data.EMPTY });
  });

  it('validates output data like any Data', () => {
    expect(() => Result.success({ bad: undefined } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA' }),
    );
    expect(() => Result.failure({ big: 'x'.repeat(11_000) })).toThrow(
      expect.objectContaining({ code: 'DATA_TOO_LARGE' }),
    );
  });

  it('isWorkerResult accepts results and rejects anything else', () => {
    expect(isWorkerResult(Result.success())).toBe(true);
    expect(isWorkerResult(Result.failure())).toBe(true);
    expect(isWorkerResult(Result.retry())).toBe(true);
    expect(isWorkerResult({ type: 'success', outputData: Data.EMPTY })).toBe(true);
    for (const value of [
      null,
      undefined,
      'success',
      {},
      { type: 'success' },
      { type: 'success', outputData: { a: 1 } },
      { type: 'done', outputData: Data.EMPTY },
    ]) {
      expect(isWorkerResult(value), JSON.stringify(value)).toBe(false);
    }
  });
});
