import type { SystemDescription, WorkloadSizes } from './bench-system.js';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

/** How many interleaved runs per system (BENCH_RUNS, default 3); the report shows medians. */
export const RUNS = Math.round(envNumber('BENCH_RUNS', 3));

/**
 * The default sizes, scaled by BENCH_SCALE and each overridable by its own variable. The
 * defaults keep a full run under about ten minutes on two loaded cores.
 */
export function defaultSizes(): WorkloadSizes {
  const scale = envNumber('BENCH_SCALE', 1);
  const n = (name: string, fallback: number) =>
    Math.max(1, Math.round(envNumber(name, fallback * scale)));
  return {
    addN: n('BENCH_ADD_N', 2_000),
    bulkN: n('BENCH_BULK_N', 20_000),
    batch: Math.round(envNumber('BENCH_BATCH', 1_000)),
    burnN: n('BENCH_BURN_N', 20_000),
    latencyN: n('BENCH_LATENCY_N', 500),
    latencyGapMs: envNumber('BENCH_LATENCY_GAP_MS', 5),
    retryN: n('BENCH_RETRY_N', 2_000),
    chains: n('BENCH_CHAINS', 100),
    chainLength: Math.round(envNumber('BENCH_CHAIN_LENGTH', 10)),
    concurrency: Math.round(envNumber('BENCH_CONCURRENCY', 8)),
  };
}

/** The sizes one system runs: slow systems get a divided size, poll-bound latency fewer samples. */
export function sizesFor(system: SystemDescription, base: WorkloadSizes): WorkloadSizes {
  const d = (v: number) => Math.max(1, Math.round(v / system.sizeDivisor));
  return {
    ...base,
    addN: d(base.addN),
    bulkN: d(base.bulkN),
    burnN: d(base.burnN),
    retryN: d(base.retryN),
    chains: d(base.chains),
    latencyN: Math.min(base.latencyN, system.maxLatencySamples),
  };
}

/** Small sizes for the warm-up pass each process runs before it measures. */
export function warmUpSizes(sizes: WorkloadSizes): WorkloadSizes {
  const w = (v: number) => Math.max(1, Math.round(v / 10));
  return {
    ...sizes,
    addN: w(sizes.addN),
    bulkN: w(sizes.bulkN),
    burnN: w(sizes.burnN),
    latencyN: Math.max(5, w(sizes.latencyN)),
    retryN: w(sizes.retryN),
    chains: Math.max(2, w(sizes.chains)),
  };
}
