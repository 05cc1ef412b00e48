/**
 * What the PostgreSQL benchmark needs of each job queue: a producer in the runner process
 * (creates the queue's tables, stores jobs, tells when every job is done) and a worker in each
 * worker process (prepared first, started on the runner's signal, stopped at the end).
 */

/** The systems compared, as named on the command line and between processes. */
export const QUEUE_SYSTEM_IDS = ['workmanager-ts', 'pg-boss', 'graphile-worker'] as const;

/** One system id. */
export type QueueSystemId = (typeof QUEUE_SYSTEM_IDS)[number];

/** The runner's side of one queue on one schema. */
export interface QueueProducer {
  /** Stores `n` no-op jobs, `batch` per call of the system's bulk API (not timed). */
  fill(n: number, batch: number): Promise<void>;
  /** Stores one no-op job carrying `at` (a {@link wallClockMillis} reading) for its worker. */
  enqueueOne(at: number): Promise<void>;
  /** True when no job is waiting or running any more: every outcome is stored. */
  drained(): Promise<boolean>;
  /** How many jobs are still waiting or running (counted when a burn-down hits its cap). */
  unfinished(): Promise<number>;
  /** Rejects unless exactly `n` jobs completed successfully (checked after a burn-down). */
  verifyCompleted(n: number): Promise<void>;
  close(): Promise<void>;
}

/** What a worker process does with each job it starts. */
export interface WorkerOptions {
  /** Jobs run at once by this process (engine slots, work loops, worker concurrency). */
  readonly concurrency: number;
  /** Called as each job's handler starts, with the `at` the job carries, if any. */
  readonly onRun: (at: number | undefined) => void;
}

/** A worker with its connections open that has not taken any job yet. */
export interface PreparedWorker {
  /** Starts taking jobs; resolves once the worker runs. */
  start(): Promise<void>;
  /** Stops taking jobs, lets running ones finish, closes connections. */
  stop(): Promise<void>;
}

/**
 * How add-to-start samples are spaced for a system: after each start, the runner idles the
 * configured gap plus a random part up to `jitterMs`, so that adds do not fall at one fixed
 * phase of the system's poll (which would make every sample equal to one point of the poll).
 */
export interface LatencySampling {
  readonly jitterMs: number;
  /** At most this many samples (a poll-bound system needs long gaps, so fewer fit in time). */
  readonly maxSamples: number;
}

/** One PostgreSQL job queue under test. */
export interface PostgresQueueSystem {
  readonly id: QueueSystemId;
  /** Name and version, as printed in the report. */
  readonly label: string;
  readonly latencySampling: LatencySampling;
  /** The settings used for `concurrency` jobs per process, for the report. */
  settings(concurrency: number): string;
  /** Creates the system's tables in `schema` (a fresh schema) and opens a producer on it. */
  openProducer(connectionString: string, schema: string): Promise<QueueProducer>;
  /** Opens a worker on a schema that {@link openProducer} has set up. */
  prepareWorker(
    connectionString: string,
    schema: string,
    options: WorkerOptions,
  ): Promise<PreparedWorker>;
}
