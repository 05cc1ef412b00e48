import { WorkError, type WorkTransaction } from '@workmanager-ts/core';
import type Database from 'better-sqlite3';
import {
  isSqliteBusy,
  isSqliteError,
  isSqliteStorageFault,
  toStoreError,
} from './sqlite-error-mapping.js';
import type { SqliteWorkTransaction } from './sqlite-work-transaction.js';

/** The most `transact` calls committed by one SQLite transaction. */
export const MAX_GROUP_COMMIT_BATCH = 1000;

const FIRST_BUSY_DELAY_MILLIS = 1;
const MAX_BUSY_DELAY_MILLIS = 250;

/** Counters of a runner's commits, for tests and benchmarks. */
export interface GroupCommitStats {
  /** SQLite transactions committed. */
  readonly commits: number;
  /** `transact` calls settled (resolved or rejected). */
  readonly transactions: number;
  /** Times a batch found the database locked and was rescheduled. */
  readonly busyRetries: number;
}

interface QueuedCall {
  readonly fn: (tx: WorkTransaction) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type CallOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/** What a batch came to: settled calls, or "locked, try later". */
type BatchOutcome =
  | { readonly kind: 'settled'; readonly outcomes: readonly CallOutcome[] }
  | { readonly kind: 'busy'; readonly error: unknown };

/** Settings of a {@link GroupCommit}. */
export interface GroupCommitOptions {
  readonly filename: string;
  /** Read-only connections start a deferred transaction, writers `BEGIN IMMEDIATE`. */
  readonly readonly: boolean;
  readonly maxBusyRetries: number;
  readonly flushScheduling: 'immediate' | 'microtask';
}

/**
 * Group commit: `transact` calls queue up and are flushed together, up to
 * {@link MAX_GROUP_COMMIT_BATCH} at a time, inside ONE `BEGIN IMMEDIATE … COMMIT` — one fsync for
 * many calls, while a call that throws is rolled back alone (the batch then runs again with a
 * SAVEPOINT per call and without it; see `#runBatch`). Promises
 * settle only after COMMIT returned. A flush runs synchronously, so no transaction is ever open
 * across an await. A database locked by another process reschedules the flush on a timer with
 * exponential backoff instead of blocking the event loop.
 */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #tx: SqliteWorkTransaction;
  readonly #options: GroupCommitOptions;
  readonly #statements: {
    readonly begin: Database.Statement;
    readonly commit: Database.Statement;
    readonly rollback: Database.Statement;
    readonly savepoint: Database.Statement;
    readonly release: Database.Statement;
    readonly rollbackToSavepoint: Database.Statement;
  };
  #queue: QueuedCall[] = [];
  #flushPending = false;
  #busyAttempts = 0;
  #idleWaiters: (() => void)[] = [];
  #commits = 0;
  #transactions = 0;
  #busyRetries = 0;

  constructor(db: Database.Database, tx: SqliteWorkTransaction, options: GroupCommitOptions) {
    this.#db = db;
    this.#tx = tx;
    this.#options = options;
    this.#statements = {
      begin: db.prepare(options.readonly ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT transact_call'),
      release: db.prepare('RELEASE transact_call'),
      rollbackToSavepoint: db.prepare('ROLLBACK TO transact_call'),
    };
  }

  /** Queues `fn` for the next flush; settles after the transaction holding it committed. */
  submit<T>(fn: (tx: WorkTransaction) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.#scheduleFlush();
    });
  }

  /** Resolves once every queued call has settled. */
  whenIdle(): Promise<void> {
    if (this.#queue.length === 0 && !this.#flushPending) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** The counters so far: how many commits served how many calls. */
  stats(): GroupCommitStats {
    return {
      commits: this.#commits,
      transactions: this.#transactions,
      busyRetries: this.#busyRetries,
    };
  }

  #scheduleFlush(): void {
    if (this.#flushPending) return;
    this.#flushPending = true;
    if (this.#options.flushScheduling === 'microtask') queueMicrotask(() => this.#flush());
    else setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#flushPending = false;
    const batch = this.#queue.slice(0, MAX_GROUP_COMMIT_BATCH);
    if (batch.length === 0) {
      this.#notifyIdle();
      return;
    }
    let outcome: BatchOutcome;
    try {
      outcome = this.#runBatch(batch);
    } catch (error) {
      // Not expected (a fault while rolling back): fail the batch rather than hang its callers,
      // and leave no transaction open for the next one.
      this.#abandonTransaction();
      outcome = this.#failAll(batch, error);
    }
    if (outcome.kind === 'busy') {
      if (this.#busyAttempts < this.#options.maxBusyRetries) {
        this.#busyAttempts++;
        this.#busyRetries++;
        this.#flushPending = true;
        setTimeout(() => this.#flush(), busyDelay(this.#busyAttempts));
        return;
      }
      const error = toStoreError(outcome.error, this.#options.filename);
      outcome = { kind: 'settled', outcomes: batch.map(() => ({ ok: false, error })) };
    }
    this.#busyAttempts = 0;
    // Calls queued by the batch's own functions went to the end; only the batch leaves.
    this.#queue.splice(0, batch.length);
    this.#transactions += batch.length;
    outcome.outcomes.forEach((result, i) => {
      const call = batch[i]!;
      if (result.ok) call.resolve(result.value);
      else call.reject(result.error);
    });
    if (this.#queue.length > 0) this.#scheduleFlush();
    else this.#notifyIdle();
  }

  /**
   * Runs the batch in one transaction; never leaves a transaction open. Optimistic first: the
   * calls run without savepoints (two statements fewer per call). When one throws, the whole
   * transaction is rolled back and the batch runs again with a savepoint per call and without
   * the failed one: the functions are pure over the transaction, so the calls before it give
   * the same results again, and the failed call is rolled back alone as promised.
   */
  #runBatch(batch: readonly QueuedCall[]): BatchOutcome {
    const first = this.#attempt(batch, -1, undefined);
    if (first.kind !== 'call-failed') return first;
    this.#tx.forgetCache();
    return this.#attempt(batch, first.index, first.error) as BatchOutcome;
  }

  /**
   * One transaction over the batch. `failedIndex < 0`: no savepoints, and the first call that
   * throws ends the attempt (rolled back) with `call-failed`. Otherwise that call is settled as
   * failed with `failedError` without running again, and every other call gets a savepoint.
   */
  #attempt(
    batch: readonly QueuedCall[],
    failedIndex: number,
    failedError: unknown,
  ):
    | BatchOutcome
    | { readonly kind: 'call-failed'; readonly index: number; readonly error: unknown } {
    const s = this.#statements;
    try {
      s.begin.run();
    } catch (error) {
      if (isSqliteBusy(error)) return { kind: 'busy', error };
      return this.#failAll(batch, error);
    }
    this.#tx.beginBatch();
    const savepoints = failedIndex >= 0;
    const outcomes: CallOutcome[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      if (i === failedIndex) {
        outcomes[i] = { ok: false, error: failedError };
        continue;
      }
      if (savepoints) s.savepoint.run();
      try {
        this.#tx.activate();
        const value = batch[i]!.fn(this.#tx);
        if (isThenable(value)) {
          throw new WorkError(
            'ILLEGAL_STATE',
            'The function passed to transact returned a promise: it must be synchronous, ' +
              'since a transaction never stays open across an await.',
          );
        }
        if (savepoints) s.release.run();
        outcomes[i] = { ok: true, value };
      } catch (error) {
        this.#tx.forgetCache();
        if (!this.#db.inTransaction || isSqliteStorageFault(error) || isSqliteBusy(error)) {
          // SQLite may have rolled the whole transaction back: nothing of the batch stands.
          if (this.#db.inTransaction) s.rollback.run();
          if (isSqliteBusy(error)) return { kind: 'busy', error };
          return this.#failAll(batch, error);
        }
        if (!savepoints) {
          s.rollback.run();
          const callError = this.#callError(error);
          if (batch.length === 1)
            return { kind: 'settled', outcomes: [{ ok: false, error: callError }] };
          return { kind: 'call-failed', index: i, error: callError };
        }
        s.rollbackToSavepoint.run();
        s.release.run();
        outcomes[i] = { ok: false, error: this.#callError(error) };
      } finally {
        this.#tx.deactivate();
      }
    }
    try {
      s.commit.run();
    } catch (error) {
      this.#tx.forgetCache();
      if (this.#db.inTransaction) s.rollback.run();
      if (isSqliteBusy(error)) return { kind: 'busy', error };
      return this.#failAll(batch, error);
    }
    this.#commits++;
    return { kind: 'settled', outcomes };
  }

  #abandonTransaction(): void {
    this.#tx.forgetCache();
    try {
      if (this.#db.inTransaction) this.#statements.rollback.run();
    } catch {
      // Nothing more to do: SQLite rolls back when the connection closes.
    }
  }

  #failAll(batch: readonly QueuedCall[], error: unknown): BatchOutcome {
    const mapped = toStoreError(error, this.#options.filename);
    return { kind: 'settled', outcomes: batch.map(() => ({ ok: false, error: mapped })) };
  }

  /** What a call's own failure rejects with: SQLite faults mapped, the caller's errors as thrown. */
  #callError(error: unknown): unknown {
    return isSqliteError(error) ? toStoreError(error, this.#options.filename) : error;
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Exponential backoff with jitter, so processes that collided do not collide again. */
function busyDelay(attempt: number): number {
  const base = Math.min(MAX_BUSY_DELAY_MILLIS, FIRST_BUSY_DELAY_MILLIS * 2 ** (attempt - 1));
  return base * (0.5 + Math.random() / 2);
}
