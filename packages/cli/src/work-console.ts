import { existsSync } from 'node:fs';
import { type SqliteWorkStore, sqliteStore } from '@workmanager-ts/backend-node';
import {
  type CancelSelector,
  type DataInput,
  type ExistingPeriodicWorkPolicy,
  type ExistingWorkPolicy,
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  silentLogger,
  systemClock,
  WorkError,
  type WorkManagerEngine,
  type WorkRequest,
} from '@workmanager-ts/core';
import { openPassiveWorkManager } from './passive-work-manager.js';
import { chainOf, type WorkChain } from './work-chain.js';
import { matchesText, selectorOf, type WorkFilter } from './work-filter.js';
import { statsOf, type WorkStats } from './work-stats.js';
import { type WorkView, workViewFromSpec } from './work-view.js';

/** What `workmanager enqueue` asks for. */
export interface EnqueueOrder {
  readonly worker: string;
  readonly input?: DataInput;
  readonly tags?: readonly string[];
  /** Initial delay in ms. */
  readonly delayMillis?: number;
  readonly periodic?: { readonly intervalMillis: number; readonly flexMillis?: number };
  readonly unique?: { readonly name: string; readonly policy?: string };
  /** Workers that run one after another once `worker` succeeded (a chain). */
  readonly then?: readonly string[];
}

/** How to open the database. */
export interface WorkConsoleOptions {
  readonly filename: string;
  /** Refuse a file that does not exist yet (reading commands), instead of creating it. */
  readonly mustExist?: boolean;
  /** How often the passive engine looks for other processes' writes (ms). */
  readonly pollIntervalMillis?: number;
}

/**
 * What the CLI commands and the dashboard do to one SQLite work database, in one place:
 * reads go to the store (which knows chains and unique names), writes go through an engine
 * that never runs work (see `openPassiveWorkManager`) or the store's own atomic operations,
 * which report exactly what they changed.
 */
export class WorkConsole {
  private engine: Promise<WorkManagerEngine> | null = null;

  private constructor(
    readonly store: SqliteWorkStore,
    readonly filename: string,
    private readonly pollIntervalMillis: number,
  ) {}

  /** Opens (or, unless `mustExist`, creates) the database. */
  static open(options: WorkConsoleOptions): WorkConsole {
    if (options.mustExist && !existsSync(options.filename)) {
      throw new WorkError(
        'STORE_FAILURE',
        `No work database at ${options.filename}: pass --db <file> (or set WORK_DB), or create one with "workmanager enqueue".`,
      );
    }
    const store = sqliteStore({
      filename: options.filename,
      maxBusyRetries: 64,
      logger: silentLogger,
    });
    return new WorkConsole(store, options.filename, options.pollIntervalMillis ?? 500);
  }

  /** Opens the database, runs `body` with it, and closes it whatever happens. */
  static async use<T>(
    options: WorkConsoleOptions,
    body: (work: WorkConsole) => Promise<T>,
  ): Promise<T> {
    const work = WorkConsole.open(options);
    try {
      return await body(work);
    } finally {
      await work.close();
    }
  }

  /** The engine writes and observations go through; opened on first use. */
  workManager(): Promise<WorkManagerEngine> {
    this.engine ??= openPassiveWorkManager(this.store, this.pollIntervalMillis);
    return this.engine;
  }

  /** Works matching the filter, in insertion order. */
  async list(filter: WorkFilter = {}): Promise<WorkView[]> {
    const specs = await this.store.findWorks(selectorOf(filter));
    return specs.map(workViewFromSpec).filter((w) => matchesText(w, filter.text));
  }

  /** @throws WorkError `WORK_NOT_FOUND` when no work has this id. */
  async get(id: string): Promise<WorkView> {
    const spec = await this.store.getWork(id);
    if (!spec) throw notFound(id);
    return workViewFromSpec(spec);
  }

  /** @throws WorkError `WORK_NOT_FOUND` when no work has this id. */
  async chain(id: string): Promise<WorkChain> {
    const chain = chainOf(id, await this.store.findWorks({}));
    if (!chain) throw notFound(id);
    return chain;
  }

  async stats(): Promise<WorkStats> {
    return statsOf(await this.store.findWorks({}));
  }

  /**
   * Enqueues one work, a periodic work, or a chain (`then`), unique when asked. Returns the
   * works as stored afterwards that this call created; empty when KEEP kept existing work.
   */
  async enqueue(order: EnqueueOrder): Promise<WorkView[]> {
    const tags = order.tags ?? [];
    const requests: WorkRequest[] = [];
    if (order.unique?.policy && !order.unique.name) {
      throw new WorkError('INVALID_REQUEST', '--policy needs --unique <name>.');
    }
    if (order.periodic) {
      if (order.then && order.then.length > 0) {
        throw new WorkError(
          'INVALID_REQUEST',
          'Periodic work cannot be part of a chain: drop --then, or enqueue the chain from the periodic worker.',
        );
      }
      requests.push(
        PeriodicWorkRequest.from(
          order.worker,
          {
            repeatInterval: order.periodic.intervalMillis,
            ...(order.periodic.flexMillis !== undefined
              ? { flexInterval: order.periodic.flexMillis }
              : {}),
            ...(order.input ? { input: order.input } : {}),
            ...(order.delayMillis !== undefined ? { initialDelay: order.delayMillis } : {}),
            tags,
          },
          { logger: silentLogger },
        ),
      );
    } else {
      requests.push(
        OneTimeWorkRequest.from(order.worker, {
          ...(order.input ? { input: order.input } : {}),
          ...(order.delayMillis !== undefined ? { initialDelay: order.delayMillis } : {}),
          tags,
        }),
      );
      for (const worker of order.then ?? [])
        requests.push(OneTimeWorkRequest.from(worker, { tags }));
    }
    const wm = await this.workManager();
    const [first, ...rest] = requests as [WorkRequest, ...WorkRequest[]];
    const policy = order.unique?.policy?.toUpperCase() ?? 'KEEP';
    if (order.periodic && order.unique) {
      await wm.enqueueUniquePeriodicWork(
        order.unique.name,
        policy as ExistingPeriodicWorkPolicy,
        first,
      );
    } else {
      let continuation = order.unique
        ? wm.beginUniqueWork(order.unique.name, policy as ExistingWorkPolicy, first)
        : wm.beginWith(first);
      for (const next of rest) continuation = continuation.then(next);
      await continuation.enqueue();
    }
    const stored = await this.store.findWorks({ ids: requests.map((r) => r.id) });
    const byId = new Map(stored.map((s) => [s.id, s]));
    // UPDATE keeps the existing work's id: report that work as the one enqueued.
    if (order.periodic && order.unique && byId.size === 0 && policy === 'UPDATE') {
      return (await this.store.findWorks({ uniqueNames: [order.unique.name] })).map(
        workViewFromSpec,
      );
    }
    return requests.flatMap((r) => {
      const spec = byId.get(r.id);
      return spec ? [workViewFromSpec(spec)] : [];
    });
  }

  /** Cancels the selected unfinished works and their dependents; returns the cancelled ids. */
  async cancel(selector: CancelSelector): Promise<string[]> {
    const result = await this.store.cancelWork({ selector, now: systemClock.now() });
    return [...result.cancelled];
  }

  /** Deletes every finished work without an unfinished dependent; returns the deleted ids. */
  prune(): Promise<string[]> {
    return this.store.pruneWork({});
  }

  async close(): Promise<void> {
    if (this.engine) await (await this.engine).close();
    await this.store.close();
  }
}

function notFound(id: string): WorkError {
  return new WorkError(
    'WORK_NOT_FOUND',
    `No work with id ${id}: list ids with "workmanager list", or it was pruned.`,
  );
}
