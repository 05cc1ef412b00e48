import { WorkError } from '../../model/work-error.js';
import type { WorkSpec } from '../../model/work-spec.js';
import type { DeviceConditions } from '../../ports/device-conditions.js';
import type {
  RowRead,
  RowReadResults,
  RowWrites,
  StoredWork,
  WorkRowSession,
} from '../../ports/work-row-session.js';
import type { WorkPatch, WorkSelector, WorkTransaction } from '../../ports/work-transaction.js';
import { constraintsMet } from '../../rules/constraints-met.js';
import { matchesSelector } from '../work-selector-match.js';

/**
 * Thrown by a {@link SnapshotTransaction} when an operation needs a row it has not read yet;
 * the runner fetches it and runs the operation again from the start.
 */
export class MissingRead {
  constructor(readonly read: RowRead) {}
}

/** A row as this transaction sees it (its version is the store's business). */
type Row = Pick<StoredWork, 'spec' | 'seq'>;

/** Sequence numbers of works inserted by this transaction: after every stored one. */
const LOCAL_SEQ_BASE = 2 ** 52;

interface DueCoverage {
  /** The read's `now`: it answers for any earlier or equal `now`. */
  readonly now: number;
  /** How many rows the last read asked for, and whether it got fewer (nothing more is due). */
  readonly requested: number;
  readonly exhausted: boolean;
  /** The last row read, in due order: rows past it were not read. */
  readonly boundary: StoredWork | undefined;
}

/**
 * The row-level port over what an asynchronous backend has returned so far, plus this
 * attempt's own writes. Reads answer from rows already read and throw {@link MissingRead}
 * for anything else; a query (`findWorks`, due work, dependents) is answered only once the
 * backend has returned every stored row it matches, so filtering the known rows gives the
 * same answer the database would. Writes stay local until {@link writes} hands them over.
 */
export class SnapshotTransaction implements WorkTransaction {
  /** Stored rows read so far; null: known not to exist. */
  private readonly stored = new Map<string, StoredWork | null>();
  private readonly dependentsOf = new Map<string, { id: string; seq: number }[]>();
  /** Rows this session holds locks on, and how strongly. */
  private readonly locked = new Map<string, 'share' | 'update'>();
  private readonly selections = new Set<string>();
  private readonly dueCoverage = new Map<string, DueCoverage>();
  private readonly runningCoverage = new Set<string>();
  private readonly nextDue = new Map<string, number>();
  private readonly storedSettings = new Map<string, number | undefined>();
  /** This attempt's writes: a row as written, or null when deleted. */
  private local = new Map<string, Row | null>();
  private localSettings = new Map<string, number>();
  private nextLocalSeq = LOCAL_SEQ_BASE;

  /** Forgets this attempt's writes (the reads stay) before the operation runs again. */
  reset(): this {
    this.local = new Map<string, Row | null>();
    this.localSettings = new Map();
    this.nextLocalSeq = LOCAL_SEQ_BASE;
    return this;
  }

  /**
   * Fetches one read from the session and remembers what it returned. Returns true when a
   * locking read found a row changed since it was first read (the last run no longer holds).
   */
  async load(session: WorkRowSession, read: RowRead): Promise<boolean> {
    const needed = this.narrow(read);
    if (!needed) return false;
    return this.absorb(needed, await session.read(needed));
  }

  /**
   * {@link load} for several reads: those one statement may answer together in one round trip
   * where the session can batch them, then `dependents` and `select` reads one by one, after
   * the locks the batch took.
   */
  async loadAll(session: WorkRowSession, reads: readonly RowRead[]): Promise<void> {
    const alone = (r: RowRead): boolean => r.kind === 'dependents' || r.kind === 'select';
    const batch = reads
      .filter((r) => !alone(r))
      .map((r) => this.narrow(r))
      .filter((r): r is RowRead => r !== null);
    if (batch.length > 1 && session.readMany) {
      const results = await session.readMany(batch);
      for (const [i, read] of batch.entries()) this.absorb(read, results[i]!);
    } else {
      for (const read of batch) this.absorb(read, await session.read(read));
    }
    // Narrowed only now: the batch may have answered them (a row known to have no dependents).
    for (const read of reads.filter(alone)) await this.load(session, read);
  }

  /** The part of a read not answered yet; null when nothing is left to ask. */
  private narrow(read: RowRead): RowRead | null {
    switch (read.kind) {
      case 'works': {
        const lock = read.lock;
        const ids = read.ids.filter((id) =>
          lock ? !holds(this.locked.get(id), lock) : !this.stored.has(id),
        );
        return ids.length === 0 ? null : { ...read, ids };
      }
      case 'dependents': {
        const ids = read.ids.filter((id) => !this.dependentsOf.has(id));
        return ids.length === 0 ? null : { ...read, ids };
      }
      default:
        return read;
    }
  }

  /** Remembers what a read returned; true when a locked row had changed (see {@link load}). */
  private absorb(read: RowRead, result: RowReadResults[RowRead['kind']]): boolean {
    switch (read.kind) {
      case 'works': {
        const before = read.ids.map((id) => this.stored.get(id)?.version);
        for (const id of read.ids) this.stored.set(id, null);
        this.remember(result as StoredWork[], read.lock);
        return read.ids.some((id, i) => this.stored.get(id)?.version !== before[i]);
      }
      case 'dependents': {
        for (const id of read.ids) this.dependentsOf.set(id, []);
        const rows = result as StoredWork[];
        this.remember(rows, 'update');
        for (const row of rows) {
          for (const prerequisite of row.spec.prerequisites) {
            this.dependentsOf.get(prerequisite)?.push({ id: row.spec.id, seq: row.seq });
          }
        }
        return false;
      }
      case 'select':
        this.remember(result as StoredWork[]);
        this.selections.add(selectorKey(read.selector));
        return false;
      case 'due': {
        const rows = result as StoredWork[];
        this.remember(rows, 'update');
        const key = conditionsKey(read.conditions);
        const known = this.dueCoverage.get(key);
        if (known && known.now > read.now) return false; // the later read answers for more
        this.dueCoverage.set(key, {
          now: read.now,
          requested: read.limit,
          exhausted: rows.length < read.limit,
          // The last row in due order, whatever order the backend returned them in.
          boundary: rows.reduce<StoredWork | undefined>(
            (last, row) => (last && dueOrder(last, row) > 0 ? last : row),
            undefined,
          ),
        });
        return false;
      }
      case 'running':
        this.remember(result as StoredWork[], 'update');
        this.runningCoverage.add(runningKey(read.leaseExpiredBefore));
        return false;
      case 'nextDue':
        this.nextDue.set(nextDueKey(read.conditions, read.excludingIds), result as number);
        return false;
      case 'setting':
        this.storedSettings.set(read.key, result as number | undefined);
        return false;
    }
  }

  /**
   * The locks this attempt still needs before its writes may be applied: every stored row it
   * changes or deletes (for update), then every stored prerequisite of a work it inserts
   * (shared, so the prerequisite cannot finish unseen by its new dependent). Null when held.
   */
  missingLocks(): RowRead | null {
    const toUpdate: string[] = [];
    const toShare = new Set<string>();
    for (const [id, row] of this.local) {
      if (this.stored.get(id) && !holds(this.locked.get(id), 'update')) toUpdate.push(id);
      if (!row || row.seq < LOCAL_SEQ_BASE) continue;
      for (const prerequisite of row.spec.prerequisites) {
        if (this.stored.get(prerequisite) && !this.locked.has(prerequisite)) {
          toShare.add(prerequisite);
        }
      }
    }
    if (toUpdate.length > 0) return { kind: 'works', ids: toUpdate, lock: 'update' };
    if (toShare.size > 0) return { kind: 'works', ids: [...toShare], lock: 'share' };
    return null;
  }

  /** What this attempt wrote, as the backend applies it: deletes, then updates, then inserts. */
  writes(): RowWrites {
    const inserted: Row[] = [];
    const updated: WorkSpec[] = [];
    const deleted: string[] = [];
    for (const [id, row] of this.local) {
      const existed = this.stored.get(id) != null;
      if (row === null) {
        if (existed) deleted.push(id);
      } else if (existed && row.seq < LOCAL_SEQ_BASE) {
        updated.push(row.spec);
      } else {
        // New, or deleted and inserted again under the same id (a new row, a new sequence).
        if (existed) deleted.push(id);
        inserted.push(row);
      }
    }
    inserted.sort((a, b) => a.seq - b.seq);
    return {
      inserted: inserted.map((row) => row.spec),
      updated,
      deleted,
      settings: this.localSettings,
    };
  }

  get hasWrites(): boolean {
    return this.local.size > 0 || this.localSettings.size > 0;
  }

  // ---- WorkTransaction -------------------------------------------------------------------

  getWork(id: string): WorkSpec | undefined {
    return this.row(id)?.spec;
  }

  findWorks(selector: WorkSelector): WorkSpec[] {
    if (selector.ids && !selector.tags && !selector.uniqueNames) {
      // By id: read exactly those rows (locked), rather than a query.
      const missing = selector.ids.filter((id) => !this.known(id));
      if (missing.length > 0) throw new MissingRead({ kind: 'works', ids: missing });
    } else if (!this.selections.has(selectorKey(selector))) {
      throw new MissingRead({ kind: 'select', selector });
    }
    return this.knownRows((spec) => matchesSelector(spec, selector)).map((row) => row.spec);
  }

  getDependentIds(id: string): string[] {
    const local = this.local.get(id);
    if (local === null) return []; // deleted here: its dependency rows went with it
    const storedDependents = this.storedDependents(id);
    const dependents = new Map<string, number>();
    for (const d of storedDependents) {
      const row = this.local.get(d.id);
      if (row === null) continue;
      if (row && !row.spec.prerequisites.includes(id)) continue;
      dependents.set(d.id, d.seq);
    }
    for (const row of this.local.values()) {
      if (row?.spec.prerequisites.includes(id)) dependents.set(row.spec.id, row.seq);
    }
    return [...dependents].sort((a, b) => a[1] - b[1]).map(([dependent]) => dependent);
  }

  findDueWork(params: { now: number; limit: number; conditions: DeviceConditions }): WorkSpec[] {
    if (params.limit <= 0) return [];
    const coverage = this.dueCoverage.get(conditionsKey(params.conditions));
    const ask = (limit: number): MissingRead =>
      new MissingRead({
        kind: 'due',
        now: Math.max(params.now, coverage?.now ?? params.now),
        limit,
        conditions: params.conditions,
      });
    if (!coverage || coverage.now < params.now) throw ask(params.limit);
    const due = this.knownRows(
      (spec) =>
        spec.state === 'ENQUEUED' &&
        spec.nextRunAt <= params.now &&
        constraintsMet(spec.constraints, params.conditions),
    )
      .sort(dueOrder)
      .slice(0, params.limit);
    const boundary = coverage.boundary;
    // The read returned the first rows in due order: rows past its boundary were never read,
    // so the answer holds if nothing was left, or if it ends before the boundary, or if every
    // row due by this `now` comes before the boundary.
    const complete =
      coverage.exhausted ||
      (boundary !== undefined &&
        (boundary.spec.nextRunAt > params.now ||
          (due.length === params.limit && dueOrder(due.at(-1)!, boundary) <= 0)));
    if (!complete) throw ask(Math.max(coverage.requested * 2, params.limit + this.local.size));
    return due.map((row) => row.spec);
  }

  nextDueTime(conditions: DeviceConditions): number {
    const localIds = [...new Set([...this.stored.keys(), ...this.local.keys()])].sort();
    const key = nextDueKey(conditions, localIds);
    const storedNext = this.nextDue.get(key);
    if (storedNext === undefined) {
      throw new MissingRead({ kind: 'nextDue', conditions, excludingIds: localIds });
    }
    let next = storedNext;
    for (const row of this.knownRows(
      (spec) => spec.state === 'ENQUEUED' && constraintsMet(spec.constraints, conditions),
    )) {
      next = Math.min(next, row.spec.nextRunAt);
    }
    return next;
  }

  findRunning(params: { leaseExpiredBefore?: number }): WorkSpec[] {
    if (!this.runningCoverage.has(runningKey(params.leaseExpiredBefore))) {
      throw new MissingRead({
        kind: 'running',
        ...(params.leaseExpiredBefore === undefined
          ? {}
          : { leaseExpiredBefore: params.leaseExpiredBefore }),
      });
    }
    const before = params.leaseExpiredBefore;
    return this.knownRows(
      (spec) => spec.state === 'RUNNING' && (before === undefined || spec.leaseExpiresAt < before),
    ).map((row) => row.spec);
  }

  insertWork(spec: WorkSpec): void {
    if (this.row(spec.id)) {
      throw new WorkError(
        'ILLEGAL_STATE',
        `Work ${spec.id} already exists: insert a work once, and use updateWork to change it.`,
      );
    }
    this.local.set(spec.id, { spec, seq: this.nextLocalSeq++ });
  }

  updateWork(id: string, patch: WorkPatch): void {
    const row = this.row(id);
    if (!row) throw new WorkError('WORK_NOT_FOUND', `Work ${id} does not exist.`);
    this.local.set(id, { spec: { ...row.spec, ...patch, id }, seq: row.seq });
  }

  deleteWork(id: string): void {
    if (!this.row(id)) return;
    // Dependents keep their prerequisite list without it, like their dependency rows.
    for (const dependentId of this.getDependentIds(id)) {
      const dependent = this.row(dependentId);
      if (!dependent) continue;
      const prerequisites = dependent.spec.prerequisites.filter((p) => p !== id);
      this.local.set(dependentId, {
        spec: { ...dependent.spec, prerequisites },
        seq: dependent.seq,
      });
    }
    this.local.set(id, null);
  }

  getSetting(key: string): number | undefined {
    if (this.localSettings.has(key)) return this.localSettings.get(key);
    if (!this.storedSettings.has(key)) throw new MissingRead({ kind: 'setting', key });
    return this.storedSettings.get(key);
  }

  setSetting(key: string, value: number): void {
    this.localSettings.set(key, value);
  }

  // ---- internals ---------------------------------------------------------------------------

  private known(id: string): boolean {
    return this.local.has(id) || this.stored.has(id);
  }

  private row(id: string): Row | undefined {
    const local = this.local.get(id);
    if (local !== undefined) return local ?? undefined;
    const stored = this.stored.get(id);
    if (stored === undefined) throw new MissingRead({ kind: 'works', ids: [id] });
    return stored ?? undefined;
  }

  private storedDependents(id: string): readonly { id: string; seq: number }[] {
    const stored = this.dependentsOf.get(id);
    if (stored) return stored;
    // A work this transaction inserted has no stored dependents.
    if (this.local.get(id) && !this.stored.get(id)) return [];
    throw new MissingRead({ kind: 'dependents', ids: [id] });
  }

  /** Every known row (as this attempt left it) that passes `filter`, in insertion order. */
  private knownRows(filter: (spec: WorkSpec) => boolean): Row[] {
    const rows: Row[] = [];
    for (const [id, row] of this.stored) {
      if (this.local.has(id) || !row) continue;
      if (filter(row.spec)) rows.push(row);
    }
    for (const row of this.local.values()) if (row && filter(row.spec)) rows.push(row);
    return rows.sort((a, b) => a.seq - b.seq);
  }

  private remember(rows: readonly StoredWork[], lock?: 'share' | 'update'): void {
    for (const row of rows) {
      this.stored.set(row.spec.id, row);
      if (lock && !holds(this.locked.get(row.spec.id), lock)) this.locked.set(row.spec.id, lock);
      // Held for update, no one can add a dependent to it meanwhile: the flag is the answer.
      if (row.hasDependents === false && lock === 'update' && !this.dependentsOf.has(row.spec.id)) {
        this.dependentsOf.set(row.spec.id, []);
      }
    }
  }
}

/** True when a lock already held is at least as strong as the one wanted. */
function holds(held: 'share' | 'update' | undefined, wanted: 'share' | 'update'): boolean {
  return held === 'update' || held === wanted;
}

/** Due order: earliest `nextRunAt` first, then insertion order. */
function dueOrder(a: Row, b: Row): number {
  return a.spec.nextRunAt - b.spec.nextRunAt || a.seq - b.seq;
}

function selectorKey(selector: WorkSelector): string {
  return JSON.stringify([selector.ids, selector.tags, selector.uniqueNames, selector.states]);
}

function conditionsKey(c: DeviceConditions): string {
  return `${[...c.networkTypes].sort().join(',')}|${+c.charging}${+c.batteryNotLow}${+c.deviceIdle}${+c.storageNotLow}`;
}

function runningKey(leaseExpiredBefore: number | undefined): string {
  return String(leaseExpiredBefore);
}

function nextDueKey(conditions: DeviceConditions, excludingIds: readonly string[]): string {
  return `${conditionsKey(conditions)}|${excludingIds.join(',')}`;
}
