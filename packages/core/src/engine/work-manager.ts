import type { Observable } from 'rxjs';
import type {
  ExistingPeriodicWorkPolicy,
  ExistingWorkPolicy,
} from '../model/existing-work-policy.js';
import type { UpdateResult } from '../model/update-result.js';
import type { WorkInfo } from '../model/work-info.js';
import type { WorkQuery } from '../model/work-query.js';
import type { WorkRequest } from '../model/work-request.js';
import type { WorkEnqueuer } from './enqueue-scope.js';
import type { WorkContinuation } from './work-continuation.js';

/** One request or several; androidx's `enqueue(request)` and `enqueue(list)`. */
export type WorkRequests = WorkRequest | readonly WorkRequest[];

/**
 * The public API every backend honours (DESIGN.md §3.4). Implemented by the core engine over
 * any WorkStore and by the Android bridge over real androidx.work: user code depends on this
 * interface only.
 */
export interface WorkManager {
  /** Resolves once the work is durably stored. */
  enqueue(requests: WorkRequests): Promise<void>;
  beginWith(requests: WorkRequests): WorkContinuation;
  beginUniqueWork(
    uniqueName: string,
    policy: ExistingWorkPolicy,
    requests: WorkRequests,
  ): WorkContinuation;
  enqueueUniqueWork(
    uniqueName: string,
    policy: ExistingWorkPolicy,
    requests: WorkRequests,
  ): Promise<void>;
  enqueueUniquePeriodicWork(
    uniqueName: string,
    policy: ExistingPeriodicWorkPolicy,
    request: WorkRequest,
  ): Promise<void>;
  updateWork(request: WorkRequest): Promise<UpdateResult>;
  cancelWorkById(id: string): Promise<void>;
  cancelAllWorkByTag(tag: string): Promise<void>;
  cancelUniqueWork(uniqueName: string): Promise<void>;
  cancelAllWork(): Promise<void>;
  pruneWork(): Promise<void>;
  getWorkInfoById(id: string): Promise<WorkInfo | null>;
  getWorkInfosByTag(tag: string): Promise<WorkInfo[]>;
  getWorkInfosForUniqueWork(uniqueName: string): Promise<WorkInfo[]>;
  getWorkInfos(query: WorkQuery): Promise<WorkInfo[]>;
  /** Emits the current WorkInfo (or null), then every distinct change. */
  observeWorkInfoById(id: string): Observable<WorkInfo | null>;
  observeWorkInfosByTag(tag: string): Observable<WorkInfo[]>;
  observeWorkInfosForUniqueWork(uniqueName: string): Observable<WorkInfo[]>;
  observeWorkInfos(query: WorkQuery): Observable<WorkInfo[]>;
  /**
   * The enqueue calls inside the caller's own open database transaction, so that work exists
   * only if the caller's change commits. Throws UNSUPPORTED_OPERATION unless the store's
   * capabilities include `transactionalEnqueue` (PostgreSQL: pass the pg client).
   */
  inTransaction(transaction: unknown): WorkEnqueuer;
  /** When cancelAllWork last ran (epoch ms); 0 if never. */
  getLastCancelAllTimeMillis(): Promise<number>;
  /** Stops taking work, aborts running workers and waits for them, then closes the store. */
  close(): Promise<void>;
}
