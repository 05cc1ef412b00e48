import { pause } from '../countdown.js';
import { quantile } from '../statistics.js';
import { BENCH_POSTGRES_URL, onFreshSchema } from './bench-database.js';
import type { PostgresBenchSizes } from './postgres-bench-sizes.js';
import type { PostgresQueueSystem } from './postgres-queue-system.js';
import { wallClockMillis } from './wall-clock.js';
import { WorkerProcesses } from './worker-processes.js';

/** A sample whose job has not started by then has failed. */
const SAMPLE_TIMEOUT_MS = 30_000;

/** Add-to-start latency quantiles in milliseconds. */
export interface LatencyResult {
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

/**
 * Add-to-start latency across processes on a fresh schema: this process adds one job at a
 * time, carrying the wall-clock time just before the add call; one worker process runs them
 * and reports, as each handler starts, its own wall-clock time minus the carried one. The next
 * job is added only after the previous one started and `latencyGapMs` plus a random part of
 * the system's `latencySampling.jitterMs` passed, so every add finds an idle queue at no fixed
 * phase of its poll. The first `latencyWarmUp` samples are not counted.
 */
export async function addToStartLatency(
  system: PostgresQueueSystem,
  sizes: PostgresBenchSizes,
): Promise<LatencyResult> {
  return onFreshSchema(system.id, async (schema) => {
    const producer = await system.openProducer(BENCH_POSTGRES_URL, schema);
    let ran: (latencyMillis: number) => void = () => {};
    try {
      const workers = await WorkerProcesses.launch({
        system: system.id,
        connectionString: BENCH_POSTGRES_URL,
        schema,
        processes: 1,
        concurrency: sizes.concurrency,
        onRan: (latencyMillis) => ran(latencyMillis),
      });
      try {
        await workers.start();
        const latencies: number[] = [];
        const { jitterMs, maxSamples } = system.latencySampling;
        const samples = Math.min(sizes.latencyN, sizes.latencyWarmUp + maxSamples);
        for (let i = 0; i < samples; i++) {
          const started = new Promise<number>((resolve, reject) => {
            const timer = setTimeout(
              () =>
                reject(
                  new Error(`${system.id}: a job did not start within ${SAMPLE_TIMEOUT_MS} ms`),
                ),
              SAMPLE_TIMEOUT_MS,
            );
            ran = (latencyMillis) => {
              clearTimeout(timer);
              resolve(latencyMillis);
            };
          });
          await producer.enqueueOne(wallClockMillis());
          const latency = await started;
          if (i >= sizes.latencyWarmUp) latencies.push(latency);
          await pause(sizes.latencyGapMs + Math.random() * jitterMs);
        }
        await workers.stop();
        return {
          p50: quantile(latencies, 0.5),
          p99: quantile(latencies, 0.99),
          samples: latencies.length,
        };
      } finally {
        workers.kill();
      }
    } finally {
      await producer.close();
    }
  });
}
