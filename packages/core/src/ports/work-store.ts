import type { Data } from '../model/data.js';
import type { ExistingWorkPolicy } from '../model/existing-work-policy.js';
import type { UpdateResult } from '../model/update-result.js';
import type { WorkSemantics } from '../model/work-semantics.js';
import type { WorkSpec } from '../model/work-spec.js';
import type { DeviceConditions } from './device-conditions.js';
import type { StoreCapabilities, WorkSelector } from './work-transaction.js';

/**
 * One level of a continuation to insert. Each spec is a template built by the core: its
 * `prerequisites` name the previous level (or already-stored works); the store sets `state`,
 * `lastEnqueueTime` and `nextRunAt` from the prerequisites' states when it inserts.
 */
export interface EnqueueLevel {
  readonly works: readonly WorkSpec[];
}

/** A continuation (or plain list) to insert, with the unique-work policy of its root level. */
export interface EnqueueWorkParams {
  readonly now: number;
  /** The limits next run times are computed with; androidx's when left out. */
  readonly semantics?: WorkSemantics;
  readonly levels: readonly EnqueueLevel[];
  /** Unique name and policy; the policy applies to the first level only (spec §5). */
  readonly unique?: { readonly name: string; readonly policy: ExistingWorkPolicy | 'UPDATE' };
  /**
   * Also claim due work in the same transaction (the enqueuing engine's free slots), so that
   * new work starts without a second commit.
   */
  readonly claim?: ClaimDueWorkParams;
  /**
   * The caller's open transaction to enqueue in (stores with `transactionalEnqueue`); the
   * work exists only if it commits. Not combined with `claim`.
   */
  readonly within?: unknown;
}

/** What an enqueue did. */
export interface EnqueueWorkResult {
  /** Ids actually inserted (a KEEP no-op or a missing prerequisite inserts nothing). */
  readonly inserted: readonly string[];
  /** Ids deleted by REPLACE, KEEP-replace, APPEND_OR_REPLACE or UPDATE-on-cancelled. */
  readonly deleted: readonly string[];
  /** Ids cancelled (REPLACE of unfinished members, and their dependents). */
  readonly cancelled: readonly string[];
  /** Of {@link cancelled} and {@link deleted}: those that were RUNNING, whose runs must stop. */
  readonly stoppedRuns: readonly string[];
  /** Under the UPDATE policy: the id updated in place, and how. */
  readonly updated?: { readonly id: string; readonly result: UpdateResult };
  /** Works claimed for `claim.owner` in the same transaction (empty without `claim`). */
  readonly claimed: readonly WorkSpec[];
}

/** Claim due work for one run each. */
export interface ClaimWorkParams {
  readonly now: number;
  /** Who runs the claimed works; written into `runOwner`. */
  readonly owner: string;
  readonly leaseExpiresAt: number;
  readonly limit: number;
  readonly conditions: DeviceConditions;
  /**
   * Claim exactly these ENQUEUED ids, whatever their `nextRunAt` and constraints (the
   * TestDriver's "delay met" and "constraints met"). Left out: claim due work in order.
   */
  readonly ids?: readonly string[];
}

/** Claim due work in order, as part of another operation (`now` is that operation's). */
export type ClaimDueWorkParams = Omit<ClaimWorkParams, 'now' | 'ids'>;

/** How a run ended, as the runner saw it. */
export type RunOutcome =
  | { readonly kind: 'success'; readonly output: Data }
  | { readonly kind: 'failure'; readonly output: Data }
  | { readonly kind: 'retry' }
  /** Stopped from outside (constraint lost, stop request, shutdown) before a result. */
  | { readonly kind: 'interrupted'; readonly stopReason: number };

/** Apply a run's outcome to its work and to the work's dependents, atomically. */
export interface ConcludeRunParams {
  readonly id: string;
  readonly semantics?: WorkSemantics;
  /** The owner that claimed the run; a work since claimed by another owner is left alone. */
  readonly owner: string;
  readonly now: number;
  readonly outcome: RunOutcome;
  /** Also claim due work for the freed slot in the same transaction. */
  readonly claimNext?: ClaimDueWorkParams;
}

/** What concluding a run changed. */
export interface ConcludeRunResult {
  /** False when the result was ignored (work gone, finished, or owned by someone else). */
  readonly applied: boolean;
  /** The work as stored afterwards, if it still exists. */
  readonly work: WorkSpec | null;
  /** Dependents moved to ENQUEUED (unblocked) or FAILED (cascade). */
  readonly unblocked: readonly string[];
  readonly failed: readonly string[];
  /** Works claimed for `claimNext.owner` in the same transaction. */
  readonly claimed: readonly WorkSpec[];
}

/** Which works a cancel addresses (spec §9). */
export type CancelSelector =
  | { readonly id: string }
  | { readonly tag: string }
  | { readonly uniqueName: string }
  | { readonly all: true };

/** What a cancel changed. */
export interface CancelWorkResult {
  /** Every work moved to CANCELLED, roots and dependents. */
  readonly cancelled: readonly string[];
  /** Of those, the ones that were RUNNING: their runs must stop with CANCELLED_BY_APP. */
  readonly stoppedRuns: readonly string[];
}

/** What `updateWork` changed (spec §8). */
export interface UpdateWorkStoreResult {
  readonly result: UpdateResult;
  /** The work as stored afterwards. */
  readonly work: WorkSpec;
}

/**
 * The persistence port under the core engine. Every call is one atomic unit; patches are
 * guarded by the state the core expects; times are computed by the core's rules, never by the
 * store. Implemented once over a {@link WorkTransactionRunner} (`workStoreFromTransactions`),
 * which is how the memory and SQLite stores are built.
 */
export interface WorkStore {
  readonly capabilities: StoreCapabilities;
  /**
   * Inserts a continuation. Applies the unique-work policy and §3.1's initial states inside
   * the same transaction. Rejects with a WorkError (nothing written) when the UPDATE policy
   * meets a chain or one-time work.
   */
  enqueueWork(params: EnqueueWorkParams): Promise<EnqueueWorkResult>;
  /**
   * Marks due works RUNNING for `owner` (runAttemptCount + 1, stopReason NOT_STOPPED, lease
   * set) and returns them as stored. A work is never claimed twice while its lease holds.
   */
  claimWork(params: ClaimWorkParams): Promise<WorkSpec[]>;
  /**
   * Applies a run's outcome (spec §3.2, §7) and its effect on dependents (§6.2). Ignored,
   * with `applied: false`, when the work is gone, finished, or no longer owned by `owner`.
   */
  concludeRun(params: ConcludeRunParams): Promise<ConcludeRunResult>;
  /** Extends the leases of the given works that `owner` still runs. */
  renewLeases(params: {
    readonly owner: string;
    readonly ids: readonly string[];
    readonly leaseExpiresAt: number;
  }): Promise<void>;
  /**
   * Returns RUNNING works to ENQUEUED with stopReason UNKNOWN and drops their progress (spec
   * §13): all of them when `leaseExpiredBefore` is left out (a store opened by a single
   * process), else only those whose lease expired before it. Returns the recovered ids.
   */
  recoverRuns(params: {
    readonly now: number;
    readonly semantics?: WorkSemantics;
    readonly leaseExpiredBefore?: number;
  }): Promise<string[]>;
  /** Cancels the selected unfinished works and their dependents (spec §9). */
  cancelWork(params: {
    readonly selector: CancelSelector;
    readonly now: number;
  }): Promise<CancelWorkResult>;
  /**
   * Replaces an existing work's request, keeping its state, attempts, enqueue time, period
   * count and override (spec §8). Rejects with WORK_NOT_FOUND or UNSUPPORTED_OPERATION.
   */
  updateWork(params: {
    readonly work: WorkSpec;
    readonly now: number;
    readonly semantics?: WorkSemantics;
  }): Promise<UpdateWorkStoreResult>;
  /** Stores progress while the work is RUNNING for `owner`; says what happened. */
  setProgress(params: {
    readonly id: string;
    readonly owner: string;
    readonly progress: Data;
  }): Promise<'STORED' | 'IGNORED' | 'NOT_FOUND'>;
  /**
   * Deletes finished works that have no unfinished dependent (spec §11). With
   * `retentionCutoff`, only those with `lastEnqueueTime + minimumRetention < retentionCutoff`.
   */
  pruneWork(params: { readonly retentionCutoff?: number }): Promise<string[]>;
  getWork(id: string): Promise<WorkSpec | null>;
  findWorks(selector: WorkSelector): Promise<WorkSpec[]>;
  /** The earliest time any ENQUEUED work the conditions allow becomes due; Infinity if none. */
  nextDueTime(conditions: DeviceConditions): Promise<number>;
  /** When cancelAllWork last ran; 0 if never. */
  getLastCancelAllTime(): Promise<number>;
  /**
   * Calls `listener` when another process committed a change that may let work start here
   * (a store shared across processes that can push such news); returns the unsubscribe.
   */
  watchChanges?(listener: () => void): () => void;
  close(): Promise<void>;
}
