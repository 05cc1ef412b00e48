import type { WorkSpec } from '../model/work-spec.js';
import type { DeviceConditions } from './device-conditions.js';
import type { StoreCapabilities, WorkSelector } from './work-transaction.js';

/** A stored work with its insertion sequence (the order `findWorks` returns works in). */
export interface StoredWork {
  readonly spec: WorkSpec;
  readonly seq: number;
  /** Changes with every write of the row. */
  readonly version: number;
  /**
   * False when no work lists this one among its prerequisites: a backend that keeps this
   * flag saves the `dependents` read of a work whose row the session holds for update.
   */
  readonly hasDependents?: boolean;
}

/**
 * One read a snapshot transaction asks its backend for. In a writing session, rows read by
 * `due` and `running` (skipping rows other sessions hold) and by `dependents` are locked for
 * update until the session ends, `works` rows as `lock` says, and `select` rows are not
 * locked (a backend serialises writers of one unique name itself). The snapshot locks every
 * row it writes, and every prerequisite of a work it inserts, before it hands its writes over.
 */
export type RowRead =
  | {
      readonly kind: 'works';
      readonly ids: readonly string[];
      /** Read plainly when left out; `share` keeps the rows from changing, `update` also
       * lets this session change them. */
      readonly lock?: 'share' | 'update';
      /** With `lock`: leave out rows another session holds instead of waiting for them. */
      readonly skipLocked?: boolean;
    }
  /** The works listing any of the ids among their prerequisites, locked for update. */
  | { readonly kind: 'dependents'; readonly ids: readonly string[] }
  | { readonly kind: 'select'; readonly selector: WorkSelector }
  | {
      readonly kind: 'due';
      readonly now: number;
      readonly limit: number;
      readonly conditions: DeviceConditions;
    }
  | { readonly kind: 'running'; readonly leaseExpiredBefore?: number }
  /** Earliest due time of ENQUEUED works the conditions allow, leaving out the given ids. */
  | {
      readonly kind: 'nextDue';
      readonly conditions: DeviceConditions;
      readonly excludingIds: readonly string[];
    }
  | { readonly kind: 'setting'; readonly key: string };

/** What each read returns. */
export interface RowReadResults {
  works: StoredWork[];
  dependents: StoredWork[];
  select: StoredWork[];
  due: StoredWork[];
  running: StoredWork[];
  nextDue: number;
  setting: number | undefined;
}

/** Everything a transaction changed, applied by the backend in one go before it commits. */
export interface RowWrites {
  /** New works, in insertion order. */
  readonly inserted: readonly WorkSpec[];
  /** Existing works, as they are now. */
  readonly updated: readonly WorkSpec[];
  readonly deleted: readonly string[];
  readonly settings: ReadonlyMap<string, number>;
}

/** One open session of an asynchronous backend (a database connection inside a transaction). */
export interface WorkRowSession {
  read<K extends RowRead['kind']>(read: Extract<RowRead, { kind: K }>): Promise<RowReadResults[K]>;
  /**
   * Several reads in one round trip, results in the same order; optional. Only reads that
   * are safe to answer from one statement snapshot are passed (never `dependents`, which
   * must be read after the locks before it are held, nor `select`).
   */
  readMany?(reads: readonly RowRead[]): Promise<RowReadResults[RowRead['kind']][]>;
  apply(writes: RowWrites): Promise<void>;
}

/**
 * An asynchronous store (a database server) seen as sessions. The core runs its store
 * operations over such a backend through a snapshot (`sessionTransactionRunner`): the
 * synchronous operation runs against rows already read, and every missing read is fetched
 * and the operation run again, so the backend never carries a copy of a rule.
 */
export interface WorkRowBackend {
  readonly capabilities: StoreCapabilities;
  /**
   * Runs `body` in one session. `write`: a transaction that commits when `body` resolves
   * and rolls back when it rejects; the backend may run `body` again from the start after a
   * transient conflict (deadlock, serialization failure). `read`: plain reads, no locks.
   * With `within`, `body` runs on the caller's transaction, which the caller commits.
   */
  session<T>(
    mode: 'read' | 'write',
    body: (session: WorkRowSession) => Promise<T>,
    /** The caller's open transaction to work in instead (no commit, no rerun). */
    within?: unknown,
  ): Promise<T>;
  close(): Promise<void>;
}
