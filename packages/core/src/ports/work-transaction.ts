import type { WorkSpec } from '../model/work-spec.js';
import type { WorkState } from '../model/work-state.js';
import type { DeviceConditions } from './device-conditions.js';
import type { RowRead } from './work-row-session.js';

/**
 * Which works to read. Components are AND-ed, values inside one component OR-ed, as in
 * androidx's `WorkQuery`; a component left out does not filter, so `{}` selects every work.
 */
export interface WorkSelector {
  readonly ids?: readonly string[];
  readonly tags?: readonly string[];
  readonly uniqueNames?: readonly string[];
  readonly states?: readonly WorkState[];
}

/** Fields of a {@link WorkSpec} to overwrite; `id` never changes. */
export type WorkPatch = Partial<Omit<WorkSpec, 'id'>>;

/** What a store reports about itself; tests and the engine branch on these, never on names. */
export interface StoreCapabilities {
  /** Acknowledged writes survive a crash of the process (and, where stated, of the machine). */
  readonly durable: boolean;
  /** Several processes may run engines on the same store at once. */
  readonly multiProcess: boolean;
  /** An enqueue can run inside the caller's own open transaction (`inTransaction`). */
  readonly transactionalEnqueue?: boolean;
}

/**
 * Row-level reads and writes inside one atomic unit of a store. The core's store operations
 * (`store/operations/`) are written once against this interface, so every backend applies the
 * same rules; a backend only maps these calls to its storage.
 *
 * Every method is synchronous: a transaction never spans an `await`.
 */
export interface WorkTransaction {
  getWork(id: string): WorkSpec | undefined;
  /** Every work matching the selector, in insertion order. */
  findWorks(selector: WorkSelector): WorkSpec[];
  /** Ids of the works that list `id` among their prerequisites. */
  getDependentIds(id: string): string[];
  /**
   * ENQUEUED works with `nextRunAt <= now` whose constraints the conditions meet, earliest
   * `nextRunAt` first, then insertion order; at most `limit`.
   */
  findDueWork(params: { now: number; limit: number; conditions: DeviceConditions }): WorkSpec[];
  /** The earliest `nextRunAt` of ENQUEUED works the conditions allow; Infinity if none. */
  nextDueTime(conditions: DeviceConditions): number;
  /** RUNNING works, optionally only those whose lease expired before `leaseExpiredBefore`. */
  findRunning(params: { leaseExpiredBefore?: number }): WorkSpec[];
  /** Inserts a new work; the id must not exist yet. */
  insertWork(spec: WorkSpec): void;
  /** Overwrites the given fields of an existing work (tags and prerequisites included). */
  updateWork(id: string, patch: WorkPatch): void;
  /** Removes a work with its tags, name, progress and dependency rows (both directions). */
  deleteWork(id: string): void;
  /** A store-wide numeric setting (e.g. the last cancel-all time); undefined if never set. */
  getSetting(key: string): number | undefined;
  setSetting(key: string, value: number): void;
}

/**
 * A backend's transactions: runs `fn` atomically and resolves after its effects are
 * committed (durably, where the store is durable). A backend may commit several calls in one
 * transaction (group commit), but each call stays all-or-nothing: a call that throws has no
 * effect and rejects with what it threw.
 */
export interface WorkTransactionRunner {
  readonly capabilities: StoreCapabilities;
  /**
   * `hints` name reads `fn` is known to need, for backends that fetch rows asynchronously
   * (see `sessionTransactionRunner`), which a synchronous backend ignores; `within` is the
   * caller's open transaction, for runners whose capabilities say `transactionalEnqueue`.
   */
  transact<T>(
    fn: (tx: WorkTransaction) => T,
    options?: { readonly hints?: readonly RowRead[]; readonly within?: unknown },
  ): Promise<T>;
  /** Runs a `fn` that only reads, where the backend has a cheaper path for that (no locks). */
  read?<T>(fn: (tx: WorkTransaction) => T): Promise<T>;
  close(): Promise<void>;
}
