import { Data, type DataInput } from './data.js';

/**
 * What a worker returns — androidx's `ListenableWorker.Result`. Worker outcomes are values,
 * not exceptions: a thrown error counts as failure with empty output.
 */
export type WorkerResult =
  | { readonly type: 'success' | 'failure'; readonly outputData: Data }
  | { readonly type: 'retry'; readonly outputData: Data };

/** Builds {@link WorkerResult}s: `return Result.success({ url })`. */
export const Result = {
  /** The work is done; `output` becomes its output data and its dependents' input. */
  success(output?: DataInput | Data): WorkerResult {
    return Object.freeze({ type: 'success', outputData: toData(output) });
  },
  /** The work failed for good; its dependents fail too. `output` is kept as its output data. */
  failure(output?: DataInput | Data): WorkerResult {
    return Object.freeze({ type: 'failure', outputData: toData(output) });
  },
  /** Run again after the backoff delay. Output is always empty, as in androidx. */
  retry(): WorkerResult {
    return RETRY;
  },
} as const;

const RETRY: WorkerResult = Object.freeze({ type: 'retry', outputData: Data.EMPTY });

/**
 * True for a value built by {@link Result} (or shaped like one). The runner uses it to treat
 * anything else a worker returns as failure, as androidx does for `null`.
 */
export function isWorkerResult(value: unknown): value is WorkerResult {
  if (typeof value !== 'object' || value === null) return false;
  const { type, outputData } = value as { type?: unknown; outputData?: unknown };
  if (type !== 'success' && type !== 'failure' && type !== 'retry') return false;
  return Data.isData(outputData);
}

function toData(output: DataInput | Data | undefined): Data {
  return output === undefined ? Data.EMPTY : Data.from(output);
}
