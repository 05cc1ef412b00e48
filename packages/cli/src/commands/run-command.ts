import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sqliteStore } from '@workmanager-ts/backend-node';
import {
  type Logger,
  StopReason,
  WorkError,
  type Workers,
  WorkManagerEngine,
} from '@workmanager-ts/core';
import type { CliOutput } from '../cli-output.js';
import { drainableStore } from '../drainable-store.js';
import { formatDuration, parseDurationArgument } from '../duration-text.js';
import { ExitCode } from '../exit-codes.js';
import { LiveWorkFeed } from '../live-work-feed.js';
import { onStopSignal } from '../stop-signal.js';

/** The options of `workmanager run`. */
export interface RunCommandOptions {
  readonly db: string;
  readonly concurrency: string;
  readonly grace: string;
  readonly quiet?: boolean;
}

/** How long a forced stop waits for stopped workers to return before the process exits. */
const FORCED_STOP_MILLIS = 2_000;

/**
 * `run <workers-module>`: a worker process. Loads the module's `workers`, runs due work from
 * the database with the given concurrency next to any other processes on the same file, and
 * logs every state change it sees. On SIGINT/SIGTERM it stops taking work, lets running work
 * finish for the grace period, then stops what is left with SYSTEM_PROCESSING (the works go
 * back to ENQUEUED for the next process); a second signal stops at once.
 *
 * Resolves with the exit code: 0 after a graceful stop, 130 after a forced one.
 */
export async function runCommand(
  modulePath: string,
  options: RunCommandOptions,
  output: CliOutput,
): Promise<number> {
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new WorkError(
      'INVALID_REQUEST',
      `--concurrency must be a positive integer, got ${options.concurrency}.`,
    );
  }
  const graceMillis = parseDurationArgument(options.grace, '--grace');
  const workers = await loadWorkers(modulePath);
  const logger: Logger = {
    debug: () => {},
    warn: (message, details) =>
      output.err(`warn: ${message} ${details ? JSON.stringify(details) : ''}`),
    error: (message, details) =>
      output.err(`error: ${message} ${details ? JSON.stringify(details) : ''}`),
  };
  const sqlite = sqliteStore({ filename: options.db, maxBusyRetries: 64, logger });
  const drainable = drainableStore(sqlite);
  const feed = await LiveWorkFeed.open(sqlite);
  const engine = await WorkManagerEngine.open({
    store: drainable.store,
    workers,
    config: { maxConcurrency: concurrency, logger, closeStopReason: StopReason.SYSTEM_PROCESSING },
  });
  feed.follow(engine);
  const stopCancelledElsewhere = followForeignCancels(engine, sqlite);
  if (!options.quiet) {
    feed.subscribe(({ transitions }) => {
      for (const t of transitions) {
        const time = new Date(t.at).toISOString();
        output.out(`${time}  ${(t.to ?? 'DELETED').padEnd(9)}  ${t.id}  ${t.worker}`);
      }
    });
  }
  output.out(
    `ready: running ${Object.keys(workers).join(', ')} from ${options.db} (owner ${engine.owner}, concurrency ${concurrency})`,
  );

  return new Promise<number>((done) => {
    let signals = 0;
    let finishing = false;
    const forcing = new AbortController();
    const finish = async (code: number): Promise<void> => {
      finishing = true;
      stopCancelledElsewhere();
      await engine.close();
      await feed.refresh().catch(() => {});
      feed.close();
      await sqlite.close();
      off();
      output.out(code === ExitCode.OK ? 'stopped' : 'stopped at once');
      done(code);
    };
    const off = onStopSignal((signal) => {
      signals++;
      if (signals === 1) {
        drainable.drain();
        const running = engine.runningIds.length;
        output.out(
          `stopping (${signal}): taking no new work; waiting up to ${formatDuration(graceMillis)} for ${running} running ${running === 1 ? 'work' : 'works'} — signal again to stop at once`,
        );
        void whenNoRuns(engine, graceMillis, forcing.signal).then(async (drained) => {
          if (signals > 1) return;
          if (!drained) {
            output.out(
              `grace period over: stopping ${engine.runningIds.length} running work with SYSTEM_PROCESSING`,
            );
          }
          await finish(ExitCode.OK);
        });
        return;
      }
      if (signals === 2 && !finishing) {
        output.out(`stopping at once (${signal}): running work returns to ENQUEUED`);
        forcing.abort();
        const forced = setTimeout(() => process.exit(ExitCode.INTERRUPTED), FORCED_STOP_MILLIS);
        void finish(ExitCode.INTERRUPTED).then(() => clearTimeout(forced));
        return;
      }
      // Already closing (or a third signal): leave now; unfinished runs are recovered later.
      process.exit(ExitCode.INTERRUPTED);
    });
  });
}

/** Loads `workers` (or `default.workers`, or a default export of workers) from a module. */
async function loadWorkers(modulePath: string): Promise<Workers> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(resolve(modulePath)).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new WorkError(
      'INVALID_REQUEST',
      `Cannot load the workers module ${modulePath} (${(cause as Error).message}); pass a .ts or .js file that exports "workers".`,
      { cause },
    );
  }
  const fallback = module.default as Record<string, unknown> | undefined;
  const candidate = module.workers ?? fallback?.workers ?? fallback;
  const valid =
    typeof candidate === 'object' &&
    candidate !== null &&
    Object.keys(candidate).length > 0 &&
    Object.values(candidate).every((w) => typeof w === 'function');
  if (!valid) {
    throw new WorkError(
      'INVALID_REQUEST',
      `${modulePath} must export "workers": an object of worker functions, e.g. export const workers = { resize: async (ctx) => Result.success() }.`,
    );
  }
  return candidate as Workers;
}

/**
 * Resolves true once the engine runs nothing, or false when `graceMillis` passed first (or
 * `cancelled` aborted, so a forced stop leaves no grace timer keeping the process alive).
 */
function whenNoRuns(
  engine: WorkManagerEngine,
  graceMillis: number,
  cancelled: AbortSignal,
): Promise<boolean> {
  return new Promise((resolveDrained) => {
    if (engine.runningIds.length === 0) {
      resolveDrained(true);
      return;
    }
    const end = (drained: boolean): void => {
      clearTimeout(timer);
      subscription.unsubscribe();
      cancelled.removeEventListener('abort', onCancel);
      resolveDrained(drained);
    };
    const onCancel = (): void => end(false);
    const timer = setTimeout(() => end(false), graceMillis);
    const subscription = engine.changes.subscribe(() => {
      if (engine.runningIds.length === 0) end(true);
    });
    cancelled.addEventListener('abort', onCancel);
  });
}

/**
 * Stops this process's runs of works that another process (the CLI or the dashboard)
 * cancelled or deleted, as the engine does for its own cancels: their workers see their
 * signal abort with CANCELLED_BY_APP instead of working on for nothing.
 */
function followForeignCancels(
  engine: WorkManagerEngine,
  store: { findWorks: WorkManagerEngine['store']['findWorks'] },
): () => void {
  let checking = false;
  const subscription = engine.changes.subscribe(() => {
    const ids = engine.runningIds;
    if (checking || ids.length === 0) return;
    checking = true;
    void store
      .findWorks({ ids })
      .then((specs) => {
        const stillOurs = new Set(
          specs
            .filter((s) => s.state === 'RUNNING' && s.runOwner === engine.owner)
            .map((s) => s.id),
        );
        // A run that concluded meanwhile is finished in the store too; stopping it then is a
        // no-op, because its outcome was decided when its worker returned.
        for (const id of ids) {
          if (!stillOurs.has(id)) engine.stopRun(id, StopReason.CANCELLED_BY_APP);
        }
      })
      .catch(() => {})
      .finally(() => {
        checking = false;
      });
  });
  return () => subscription.unsubscribe();
}
