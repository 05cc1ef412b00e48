import type { WorkSemantics } from '../model/work-semantics.js';
import type { Clock } from '../ports/clock.js';
import type { ConstraintTracker } from '../ports/constraint-tracker.js';
import type { Logger } from '../ports/logger.js';
import type { WorkStore } from '../ports/work-store.js';
import type { Workers } from './worker.js';

/** Tuning and semantics of one engine. Every field has a default. */
export interface WorkManagerConfig {
  /** Runs at once in this process. Default 8. */
  readonly maxConcurrency?: number;
  /** androidx's limits; override single fields to differ on purpose. */
  readonly semantics?: Partial<WorkSemantics>;
  readonly logger?: Logger;
  /** How long a claimed run is ours without renewal (multi-process stores). Default 30 s. */
  readonly leaseMillis?: number;
  /** How often other processes' writes are looked for (multi-process stores). Default 250 ms. */
  readonly pollIntervalMillis?: number;
  /**
   * Whether other processes run engines on the same store: if so, leases are renewed, expired
   * ones recovered, and other processes' writes polled for. Default: the store's
   * `capabilities.multiProcess`. The test kit sets false (one engine under a virtual clock).
   */
  readonly sharedStore?: boolean;
  /**
   * What to recover at open (spec §13): 'all' RUNNING works (one process per store), or only
   * those whose lease expired. Default: 'all' unless the store is shared, else 'expired-leases'.
   */
  readonly recoverOnOpen?: 'all' | 'expired-leases';
  /** The stop reason running workers see when `close()` stops them. Default SYSTEM_PROCESSING. */
  readonly closeStopReason?: number;
  /** Names this process's runs in the store. Default: a random id. */
  readonly owner?: string;
}

/** What `createWorkManager` takes. Only `workers` is required. */
export interface CreateWorkManagerOptions {
  readonly workers: Workers;
  /** Default: a fresh memoryStore(), closed with the WorkManager. */
  readonly store?: WorkStore;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: every constraint always met. */
  readonly constraints?: ConstraintTracker;
  readonly config?: WorkManagerConfig;
}
