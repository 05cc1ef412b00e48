import {
  systemClock,
  WORK_STATES,
  type WorkManager,
  type WorkState,
  type WorkStore,
} from '@workmanager-ts/core';
import { type WorkView, workViewFromSpec } from './work-view.js';

/** A state change the feed saw; `from` is null for a work seen for the first time. */
export interface WorkTransition {
  readonly at: number;
  readonly id: string;
  readonly worker: string;
  readonly from: WorkState | null;
  /** null when the work was deleted (pruned or replaced). */
  readonly to: WorkState | null;
}

/**
 * One run as the feed saw it: from RUNNING to the next state. `endedAt` is null while the run
 * is live; `outcome` ENQUEUED means it was retried or interrupted.
 */
export interface RunRecord {
  readonly id: string;
  readonly worker: string;
  readonly attempt: number;
  readonly startedAt: number;
  endedAt: number | null;
  outcome: WorkState | null;
}

/** What one refresh found changed. */
export interface FeedUpdate {
  readonly version: number;
  readonly transitions: readonly WorkTransition[];
}

const MAX_RECORDS = 200;

/**
 * The live view of a work database that `watch`, `run`'s log and the dashboard share. It
 * subscribes to the engine's `observeWorkInfos` (which, on a shared store, re-queries every
 * poll interval, so writes by other processes arrive too), reads the full WorkSpecs on each
 * change, and keeps the transitions and runs it saw. The store keeps no run history, so the
 * timeline starts when the feed does.
 */
export class LiveWorkFeed {
  private views = new Map<string, WorkView>();
  private fingerprints = new Map<string, string>();
  private readonly listeners = new Set<(update: FeedUpdate) => void>();
  private readonly transitionLog: WorkTransition[] = [];
  private readonly runLog: RunRecord[] = [];
  private currentVersion = 0;
  private refreshing: Promise<void> | null = null;
  private dirty = false;
  private unsubscribe: (() => void) | null = null;
  private primed = false;

  private constructor(private readonly store: WorkStore) {}

  /** Starts following the store through `wm`; resolves after the first snapshot. */
  static async start(store: WorkStore, wm: WorkManager): Promise<LiveWorkFeed> {
    return (await LiveWorkFeed.open(store)).follow(wm);
  }

  /**
   * Takes the first snapshot without following anything yet: `run` does this before its
   * engine starts work, so the first runs are logged too.
   */
  static async open(store: WorkStore): Promise<LiveWorkFeed> {
    const feed = new LiveWorkFeed(store);
    await feed.refresh();
    return feed;
  }

  /** Refreshes after every change `wm` observes (its own writes and, polled, others'). */
  follow(wm: WorkManager): this {
    this.unsubscribe?.();
    const subscription = wm
      .observeWorkInfos({ states: WORK_STATES })
      .subscribe({ next: () => void this.refresh().catch(() => {}), error: () => {} });
    this.unsubscribe = () => subscription.unsubscribe();
    return this;
  }

  /** Bumped on every change; the dashboard's clients compare it to know they are current. */
  get version(): number {
    return this.currentVersion;
  }

  /** Every work as of the last refresh, in insertion order. */
  get works(): readonly WorkView[] {
    return [...this.views.values()];
  }

  /** The latest transitions, newest last. */
  get transitions(): readonly WorkTransition[] {
    return this.transitionLog;
  }

  /** The latest runs, newest last. */
  get runs(): readonly RunRecord[] {
    return this.runLog;
  }

  /** Calls `listener` after every refresh that changed something; returns the unsubscriber. */
  subscribe(listener: (update: FeedUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Re-reads the store now (after this process's own writes, or when asked). Calls that
   * arrive during a refresh coalesce into one more.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.dirty = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.dirty = false;
          await this.readOnce();
        } while (this.dirty);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  close(): void {
    this.unsubscribe?.();
    this.listeners.clear();
  }

  private async readOnce(): Promise<void> {
    const specs = await this.store.findWorks({});
    const now = systemClock.now();
    const next = new Map<string, WorkView>();
    const prints = new Map<string, string>();
    const transitions: WorkTransition[] = [];
    let changed = specs.length !== this.views.size;
    for (const spec of specs) {
      const view = workViewFromSpec(spec);
      const print = JSON.stringify(view);
      next.set(view.id, view);
      prints.set(view.id, print);
      if (this.fingerprints.get(view.id) === print) continue;
      changed = true;
      const before = this.views.get(view.id) ?? null;
      if (this.primed) this.recordRun(before, view, now);
      if (before?.state !== view.state) {
        transitions.push({
          at: now,
          id: view.id,
          worker: view.worker,
          from: before?.state ?? null,
          to: view.state,
        });
      }
    }
    for (const [id, view] of this.views) {
      if (next.has(id)) continue;
      changed = true;
      transitions.push({ at: now, id, worker: view.worker, from: view.state, to: null });
    }
    this.views = next;
    this.fingerprints = prints;
    if (!this.primed) {
      this.primed = true;
      for (const view of next.values())
        if (view.state === 'RUNNING') this.recordRun(null, view, now);
      return;
    }
    if (!changed) return;
    this.currentVersion++;
    push(this.transitionLog, transitions);
    const update = { version: this.currentVersion, transitions };
    for (const listener of this.listeners) listener(update);
  }

  private recordRun(before: WorkView | null, after: WorkView, now: number): void {
    const open = [...this.runLog].reverse().find((r) => r.id === after.id && r.endedAt === null);
    if (after.state === 'RUNNING') {
      if (open && open.attempt === after.runAttemptCount) return;
      if (open) Object.assign(open, { endedAt: now, outcome: 'ENQUEUED' });
      push(this.runLog, [
        {
          id: after.id,
          worker: after.worker,
          attempt: after.runAttemptCount,
          startedAt: now,
          endedAt: null,
          outcome: null,
        },
      ]);
      return;
    }
    if (open) {
      open.endedAt = now;
      open.outcome = after.state;
      return;
    }
    // A whole run happened between two reads: record it with no length.
    const ranUnseen =
      after.state !== 'CANCELLED' &&
      (before === null
        ? after.runAttemptCount > 0
        : before.state !== 'RUNNING' && after.runAttemptCount > before.runAttemptCount);
    if (ranUnseen) {
      push(this.runLog, [
        {
          id: after.id,
          worker: after.worker,
          attempt: after.runAttemptCount,
          startedAt: now,
          endedAt: now,
          outcome: after.state,
        },
      ]);
    }
  }
}

function push<T>(log: T[], items: readonly T[]): void {
  log.push(...items);
  if (log.length > MAX_RECORDS) log.splice(0, log.length - MAX_RECORDS);
}
