import { postgresStore } from '@workmanager-ts/backend-postgres';
import {
  ALL_CONDITIONS_MET,
  Data,
  randomWorkId,
  silentLogger,
  type WorkStore,
} from '@workmanager-ts/core';
import { quantile } from '../statistics.js';
import { BENCH_POSTGRES_URL, onFreshSchema } from './bench-database.js';
import type { PostgresBenchSizes } from './postgres-bench-sizes.js';
import { fillStoredWorks } from './stored-works-fill.js';

/** A lease long enough for the whole measurement. */
const LEASE_MS = 600_000;

/** Latency quantiles of one store operation, in milliseconds. */
export interface OperationLatency {
  readonly p50: number;
  readonly p99: number;
}

/** What claiming cost on a store holding a given number of works. */
export interface ClaimCostResult {
  readonly storedWorks: number;
  /** Seconds it took to store them. */
  readonly fillSeconds: number;
  /** `claimWork` with limit 1. */
  readonly claimOne: OperationLatency;
  /** `claimWork` with limit `claimMany` (32). */
  readonly claimMany: OperationLatency;
  /** `concludeRun` (success) of one claimed work. */
  readonly conclude: OperationLatency;
}

function latencyOf(samples: readonly number[]): OperationLatency {
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

/** Claims `limit` due works, then concludes each; records each call's duration. */
async function claimAndConclude(
  store: WorkStore,
  owner: string,
  limit: number,
  claims: number[],
  concludes: number[],
): Promise<void> {
  const t0 = performance.now();
  const claimed = await store.claimWork({
    now: Date.now(),
    owner,
    leaseExpiresAt: Date.now() + LEASE_MS,
    limit,
    conditions: ALL_CONDITIONS_MET,
  });
  claims.push(performance.now() - t0);
  if (claimed.length !== limit)
    throw new Error(`claimWork(limit ${limit}) returned ${claimed.length} works`);
  for (const work of claimed) {
    const t1 = performance.now();
    const { applied } = await store.concludeRun({
      id: work.id,
      owner,
      now: Date.now(),
      outcome: { kind: 'success', output: Data.EMPTY },
    });
    concludes.push(performance.now() - t1);
    if (!applied) throw new Error(`concludeRun of ${work.id} was not applied`);
  }
}

/**
 * Claim cost of this project's PostgreSQL store holding `storedWorks` due works (plus those the
 * samples consume, so that it never holds fewer): `claimWarmUp` claims not counted, then
 * `claimOneSamples` claims of one work, then
 * `claimManySamples` claims of `claimMany` works, each claimed work concluded (success) before
 * the next claim. Store calls only, in this process: no engine, no other load.
 */
export async function claimCost(
  storedWorks: number,
  sizes: PostgresBenchSizes,
  log: (line: string) => void,
): Promise<ClaimCostResult> {
  return onFreshSchema('workmanager-ts_claim', async (schema) => {
    const store = postgresStore({
      connectionString: BENCH_POSTGRES_URL,
      schema,
      poolSize: 2,
      logger: silentLogger,
    });
    try {
      await store.ready();
      const consumed =
        sizes.claimWarmUp + sizes.claimOneSamples + sizes.claimManySamples * sizes.claimMany;
      const filling = performance.now();
      let reported = 0;
      await fillStoredWorks(store, storedWorks + consumed, sizes.claimFillChunk, (stored) => {
        if (stored - reported >= 250_000) {
          reported = stored;
          log(`  stored ${stored.toLocaleString('en-US')} works...`);
        }
      });
      const fillSeconds = (performance.now() - filling) / 1000;
      const owner = randomWorkId();
      const claimOne: number[] = [];
      const claimMany: number[] = [];
      const concludes: number[] = [];
      for (let i = 0; i < sizes.claimWarmUp; i++) await claimAndConclude(store, owner, 1, [], []);
      for (let i = 0; i < sizes.claimOneSamples; i++)
        await claimAndConclude(store, owner, 1, claimOne, concludes);
      for (let i = 0; i < sizes.claimManySamples; i++)
        await claimAndConclude(store, owner, sizes.claimMany, claimMany, concludes);
      return {
        storedWorks,
        fillSeconds,
        claimOne: latencyOf(claimOne),
        claimMany: latencyOf(claimMany),
        conclude: latencyOf(concludes),
      };
    } finally {
      await store.close();
    }
  });
}
