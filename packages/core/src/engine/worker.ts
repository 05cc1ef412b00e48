import type { Data, DataInput } from '../model/data.js';
import type { WorkerResult } from '../model/result.js';

/**
 * What a worker sees of its run. `runAttemptCount` counts earlier attempts (the first run sees
 * 0, as on Android); `signal` aborts when the run is stopped, with `stopReason` saying why.
 */
export interface WorkerContext {
  readonly id: string;
  readonly workerName: string;
  readonly inputData: Data;
  readonly tags: ReadonlySet<string>;
  readonly runAttemptCount: number;
  readonly generation: number;
  readonly signal: AbortSignal;
  /** NOT_STOPPED (-256) until the run is stopped. */
  readonly stopReason: number;
  /**
   * Publishes progress while the run is live (spec §10.1). Rejects with ILLEGAL_STATE once the
   * work no longer exists.
   */
  setProgress(progress: DataInput | Data): Promise<void>;
}

/**
 * The code that does a work. Returns `Result.success(...)`, `Result.failure(...)` or
 * `Result.retry()`; throwing counts as failure (for periodic work the period is consumed).
 */
export type Worker = (context: WorkerContext) => Promise<WorkerResult> | WorkerResult;

/** Workers by the name requests refer to. */
export type Workers = Readonly<Record<string, Worker>>;
