import { WorkError } from '../../model/work-error.js';
import type { WorkSpec } from '../../model/work-spec.js';
import type {
  WorkPatch,
  WorkTransaction,
  WorkTransactionRunner,
} from '../../ports/work-transaction.js';
import { COMBINE_WORKER } from '../../rules/request-validation.js';
import type { TraceEntry } from './trace-entry.js';

const EMPTY = Object.freeze({});

/** Scheduling passes in a row at one instant, with no write between, that count as a livelock. */
const LIVELOCK_PASSES = 1_000;

/** Where committed changes go, and what stamps them. */
export interface TraceSink {
  /** The current virtual time and process lifetime, read when a transaction body runs. */
  stamp(): { readonly time: number; readonly incarnation: number };
  /** Receives each committed transaction's changes, in commit order. */
  commit(changes: readonly Omit<TraceEntry, 'seq'>[]): void;
}

/**
 * A {@link WorkTransactionRunner} over another that records every row a transaction inserts,
 * changes or deletes, and hands the changes to the sink once the transaction committed (a
 * call that throws is rolled back, so its changes are dropped). `freeze()` is the crash: from
 * then on no call reaches the store and none ever settles, so the dead engine's late writes
 * are lost exactly as a killed process's would be.
 */
export class RecordingTransactionRunner implements WorkTransactionRunner {
  private frozen = false;
  private muted = false;
  /** Scheduling passes in a row at one virtual instant with no write: an engine spinning. */
  private idleCalls = 0;
  private idleAt = Number.NaN;
  /** Set when the engine was caught spinning; `simulate` reports it. */
  livelock: string | null = null;

  constructor(
    private readonly inner: WorkTransactionRunner,
    private readonly sink: TraceSink,
    private readonly names: CombineNames,
  ) {}

  get capabilities() {
    return this.inner.capabilities;
  }

  /** Drops every later call: this process is dead. */
  freeze(): void {
    this.frozen = true;
  }

  /** Keeps passing calls through but stops recording them (the simulation's teardown). */
  freezeTrace(): void {
    this.muted = true;
  }

  transact<T>(fn: (tx: WorkTransaction) => T): Promise<T> {
    if (this.frozen) return new Promise<T>(() => {});
    if (this.muted) return this.inner.transact(fn);
    if (this.livelock) return Promise.reject(new WorkError('ILLEGAL_STATE', this.livelock));
    let changes: Omit<TraceEntry, 'seq'>[] = [];
    const committed = this.inner.transact((tx) => {
      changes = [];
      return fn(this.recording(tx, changes));
    });
    return committed.then((value) => {
      if (changes.length > 0) {
        this.sink.commit(changes);
        this.idleCalls = 0;
      }
      return value;
    });
  }

  /**
   * Called on every `nextDueTime` query (the end of each engine scheduling pass). Virtual time
   * cannot pass while the engine keeps re-running its pass at one instant with nothing written
   * in between (a due timer re-armed for work it cannot start): that would hang the
   * simulation, so it is stopped and reported instead.
   */
  noteDueTimeQuery(): void {
    const { time } = this.sink.stamp();
    if (time !== this.idleAt) {
      this.idleCalls = 0;
      this.idleAt = time;
    }
    if (++this.idleCalls >= LIVELOCK_PASSES) {
      this.livelock =
        `The engine ran ${LIVELOCK_PASSES} scheduling passes at virtual time ${time} without ` +
        'writing anything or letting time pass (a livelock in the engine); the simulation was stopped.';
    }
  }

  /** The store outlives a crash; `simulate` closes it at the end. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private recording(tx: WorkTransaction, changes: Omit<TraceEntry, 'seq'>[]): WorkTransaction {
    const record = (before: WorkSpec | undefined, after: WorkSpec | undefined): void => {
      const spec = after ?? before;
      if (!spec || !changed(before, after)) return;
      const { time, incarnation } = this.sink.stamp();
      changes.push({
        time,
        incarnation,
        id: this.names.of(spec),
        workerName: spec.workerName,
        tags: spec.tags,
        uniqueName: spec.uniqueName,
        prerequisites: spec.prerequisites.map((p) => this.names.known(p)),
        periodic: spec.interval !== 0,
        from: before?.state ?? null,
        to: after?.state ?? null,
        runAttemptCount: spec.runAttemptCount,
        generation: spec.generation,
        periodCount: spec.periodCount,
        stopReason: spec.stopReason,
        nextRunAt: spec.nextRunAt,
        constraints: spec.constraints,
        output: spec.output.isEmpty() ? EMPTY : spec.output.toObject(),
        progress: spec.progress.isEmpty() ? EMPTY : spec.progress.toObject(),
      });
    };
    return {
      getWork: (id) => tx.getWork(id),
      findWorks: (selector) => tx.findWorks(selector),
      getDependentIds: (id) => tx.getDependentIds(id),
      findDueWork: (params) => tx.findDueWork(params),
      nextDueTime: (conditions) => tx.nextDueTime(conditions),
      findRunning: (params) => tx.findRunning(params),
      insertWork: (spec) => {
        tx.insertWork(spec);
        record(undefined, spec);
      },
      updateWork: (id: string, patch: WorkPatch) => {
        const before = tx.getWork(id);
        tx.updateWork(id, patch);
        record(before, tx.getWork(id));
      },
      deleteWork: (id) => {
        const before = tx.getWork(id);
        tx.deleteWork(id);
        record(before, undefined);
      },
      getSetting: (key) => tx.getSetting(key),
      setSetting: (key, value) => tx.setSetting(key, value),
    };
  }
}

/**
 * Stable names for combine works, whose ids are random UUIDs: `combine#0`, `combine#1`, ...
 * in order of first sight, so that a seed replays to the same trace.
 */
export class CombineNames {
  private readonly names = new Map<string, string>();

  of(spec: WorkSpec): string {
    if (spec.workerName !== COMBINE_WORKER) return spec.id;
    let name = this.names.get(spec.id);
    if (name === undefined) {
      name = `combine#${this.names.size}`;
      this.names.set(spec.id, name);
    }
    return name;
  }

  /** The stable name of an id already seen (prerequisites are inserted before dependents). */
  known(id: string): string {
    return this.names.get(id) ?? id;
  }
}

/** Whether a write changed anything a trace reader cares about (lease renewals do not). */
function changed(before: WorkSpec | undefined, after: WorkSpec | undefined): boolean {
  if (!before || !after) return true;
  return (
    before.state !== after.state ||
    before.runAttemptCount !== after.runAttemptCount ||
    before.generation !== after.generation ||
    before.periodCount !== after.periodCount ||
    before.stopReason !== after.stopReason ||
    before.nextRunAt !== after.nextRunAt ||
    !before.progress.equals(after.progress) ||
    !before.output.equals(after.output)
  );
}
