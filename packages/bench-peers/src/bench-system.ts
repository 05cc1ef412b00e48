/**
 * The contract every benchmarked queue implements, so that the runner drives ours and each peer
 * through the same workloads with the same sizes and concurrency.
 */

/** Sizes of one measurement pass; the runner scales them per system (see `sizes.ts`). */
export interface WorkloadSizes {
  /** Jobs added one by one, each add awaited (`queue-add`). */
  readonly addN: number;
  /** Jobs added in batches (`queue-add-bulk`). */
  readonly bulkN: number;
  /** Jobs per batch in `queue-add-bulk` and when filling for a burn-down. */
  readonly batch: number;
  /** No-op jobs enqueued, then drained (`worker-burn-down`). */
  readonly burnN: number;
  /** Sequential add-to-start samples at low load. */
  readonly latencyN: number;
  /** Idle time between two latency samples, so that each add finds the system idle, not mid-loop. */
  readonly latencyGapMs: number;
  /** Jobs that each fail once and succeed on the retry. */
  readonly retryN: number;
  /** Number of dependent chains, each `chainLength` steps long. */
  readonly chains: number;
  /** Steps per chain. */
  readonly chainLength: number;
  /** Jobs in flight at most (workers, slots or `maxConcurrency`). */
  readonly concurrency: number;
}

/** Latency quantiles in milliseconds. */
export interface LatencyResult {
  readonly p50: number;
  readonly p99: number;
}

/**
 * One queue under test. Every method measures on fresh state (a new file, queue or prefix)
 * and cleans up after itself; `undefined` means the system has no such feature.
 */
export interface BenchSystem {
  /** `queue-add`: adds per second, each add awaited before the next. */
  queueAdd(n: number): Promise<number>;
  /** `queue-add-bulk`: adds per second through the system's bulk API. */
  queueAddBulk: ((n: number, batch: number) => Promise<number>) | undefined;
  /** `worker-burn-down`: the store is filled first; jobs per second from worker start to the last outcome stored. */
  burnDown(n: number, batch: number, concurrency: number): Promise<number>;
  /** `add-to-start latency`: one job at a time, time from the add call to the handler's start. */
  latency(samples: number, concurrency: number, gapMs: number): Promise<LatencyResult>;
  /** `retry`: every job fails once, retried after the shortest fixed backoff the system offers; jobs per second. */
  retry: ((n: number, batch: number, concurrency: number) => Promise<number>) | undefined;
  /** `chain`: dependent steps, each started only after the previous succeeded; steps per second. */
  chain: ((chains: number, length: number, concurrency: number) => Promise<number>) | undefined;
  /** Releases connections held across measurements. */
  close(): Promise<void>;
}

/** What the report says about a system besides its numbers. */
export interface SystemDescription {
  /** Stable id used on the command line (`BENCH_SYSTEMS`) and between processes. */
  readonly id: string;
  /** Name and version as printed in the table. */
  readonly label: string;
  /** The durability the system really provides here, read from its settings where possible. */
  readonly durability: string;
  /** Settings that matter for fairness (poll interval, batch size...). */
  readonly settings: string;
  /** Divides the default sizes for a system too slow to run them within the time budget. */
  readonly sizeDivisor: number;
  /** Caps latency samples for a system whose latency is a poll interval. */
  readonly maxLatencySamples: number;
  /** Our row at the nearest durability this system provides: what its ratios divide by. */
  readonly compareWith: 'workmanager-full' | 'workmanager-normal' | null;
}

/** The workload names, as in BullMQ's own benchmark where they match. */
export const WORKLOADS = [
  'queue-add',
  'queue-add-bulk',
  'worker-burn-down',
  'latency-p50',
  'latency-p99',
  'retry',
  'chain',
] as const;

/** One workload name. */
export type Workload = (typeof WORKLOADS)[number];

/** What one measurement pass of one system returns: a figure per workload, `null` if unsupported. */
export type PassResult = Record<Workload, number | null>;
