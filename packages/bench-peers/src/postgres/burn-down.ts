import { pause } from '../countdown.js';
import { BENCH_POSTGRES_URL, databaseDeadlocks, onFreshSchema } from './bench-database.js';
import type { PostgresBenchSizes } from './postgres-bench-sizes.js';
import type { PostgresQueueSystem } from './postgres-queue-system.js';
import { WorkerProcesses } from './worker-processes.js';

/** How often the runner asks the database whether every job is done. */
const DRAINED_POLL_MS = 25;

/** What one burn-down run measured. */
export interface BurnDownResult {
  /** Jobs completed per second, from the start signal to the last outcome stored (or the cap). */
  readonly jobsPerSecond: number;
  /** Jobs completed: all of them unless the run hit the cap. */
  readonly completed: number;
  /** True when the run was stopped at `burnCapSeconds` before every job was done. */
  readonly capped: boolean;
  /** How long the slowest process took to start its worker (inside the timed span). */
  readonly slowestStartMillis: number;
  /** Deadlocks PostgreSQL detected in the database meanwhile (any session's). */
  readonly deadlocks: number;
}

/**
 * One burn-down run on a fresh schema: `burnN` no-op jobs are stored first, `processes`
 * worker processes open their connections, then all are told to start at once; timed from
 * that signal until the database holds no waiting or running job, and then checked that every
 * job completed successfully. A run still going after `burnCapSeconds` is stopped there and
 * rated by the jobs it completed within the cap (so that the whole benchmark keeps to its time).
 */
export async function burnDown(
  system: PostgresQueueSystem,
  processes: number,
  sizes: PostgresBenchSizes,
): Promise<BurnDownResult> {
  return onFreshSchema(system.id, async (schema) => {
    const producer = await system.openProducer(BENCH_POSTGRES_URL, schema);
    try {
      await producer.fill(sizes.burnN, sizes.fillBatch);
      const workers = await WorkerProcesses.launch({
        system: system.id,
        connectionString: BENCH_POSTGRES_URL,
        schema,
        processes,
        concurrency: sizes.concurrency,
      });
      try {
        const deadlocksBefore = databaseDeadlocks();
        const began = performance.now();
        const started = workers.start();
        started.catch(() => {}); // a failure surfaces through assertRunning below
        const capMs = sizes.burnCapSeconds * 1000;
        let capped = false;
        while (!(await producer.drained())) {
          workers.assertRunning();
          if (performance.now() - began >= capMs) {
            capped = true;
            break;
          }
          await pause(DRAINED_POLL_MS);
        }
        const seconds = (performance.now() - began) / 1000;
        const completed = capped ? sizes.burnN - (await producer.unfinished()) : sizes.burnN;
        const startMillis = await started;
        await workers.stop();
        if (!capped) await producer.verifyCompleted(sizes.burnN);
        return {
          jobsPerSecond: completed / seconds,
          completed,
          capped,
          slowestStartMillis: Math.max(...startMillis),
          deadlocks: databaseDeadlocks() - deadlocksBefore,
        };
      } finally {
        workers.kill();
      }
    } finally {
      await producer.close();
    }
  });
}
