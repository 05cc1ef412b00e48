/** The sizes of one `bench:postgres` run. */
export interface PostgresBenchSizes {
  /** No-op jobs stored, then drained, per burn-down run. */
  readonly burnN: number;
  /** Worker processes the burn-down is run with. */
  readonly processCounts: readonly number[];
  /** Burn-down runs per (system, process count); the report shows their median. */
  readonly burnRepeats: number;
  /** A burn-down run still going after this long is stopped and rated by what it completed. */
  readonly burnCapSeconds: number;
  /** Jobs stored per call of each system's bulk API when filling. */
  readonly fillBatch: number;
  /** Jobs run at once per worker process. */
  readonly concurrency: number;
  /** Add-to-start samples per system, the first `latencyWarmUp` of them not counted. */
  readonly latencyN: number;
  readonly latencyWarmUp: number;
  /** Idle time after each sample's job started, so that the next add finds an idle queue. */
  readonly latencyGapMs: number;
  /** Stored works of the large and of the small claim-cost store. */
  readonly claimLargeStore: number;
  readonly claimSmallStore: number;
  /** Rows per INSERT ... SELECT statement when filling the claim-cost store. */
  readonly claimFillChunk: number;
  /** Claims of one work (each concluded) per store before the measured ones, not counted. */
  readonly claimWarmUp: number;
  /** Claims of one work, and of 32 works, measured per store. */
  readonly claimOneSamples: number;
  readonly claimManySamples: number;
  readonly claimMany: number;
}

const FULL: PostgresBenchSizes = {
  burnN: 20_000,
  processCounts: [1, 2, 4],
  burnRepeats: 3,
  burnCapSeconds: 15,
  fillBatch: 1_000,
  concurrency: 16,
  latencyN: 300,
  latencyWarmUp: 10,
  latencyGapMs: 20,
  claimLargeStore: 1_000_000,
  claimSmallStore: 1_000,
  claimFillChunk: 100_000,
  claimWarmUp: 20,
  claimOneSamples: 200,
  claimManySamples: 100,
  claimMany: 32,
};

/**
 * The full sizes, or with `--quick` a smoke run: every count a tenth (the large store 100 000),
 * one burn-down run per process count.
 */
export function postgresBenchSizes(quick: boolean): PostgresBenchSizes {
  if (!quick) return FULL;
  return {
    ...FULL,
    burnN: FULL.burnN / 10,
    burnRepeats: 1,
    burnCapSeconds: 10,
    fillBatch: FULL.fillBatch / 10,
    latencyN: FULL.latencyN / 10,
    latencyWarmUp: 3,
    claimLargeStore: FULL.claimLargeStore / 10,
    claimSmallStore: FULL.claimSmallStore / 10,
    claimFillChunk: FULL.claimFillChunk / 10,
    claimWarmUp: FULL.claimWarmUp / 10,
    claimOneSamples: FULL.claimOneSamples / 10,
    claimManySamples: FULL.claimManySamples / 10,
  };
}
