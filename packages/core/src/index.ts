/**
 * @workmanager-ts/core — Android Jetpack WorkManager's semantics in pure TypeScript: the request
 * model, the pure scheduling rules, the engine over the WorkStore port, and the memory store.
 */

export {
  assertNoCycles,
  type ContinuationLevel,
  continuationIds,
  lineage,
} from './engine/continuation-graph.js';
export type { WorkEnqueuer } from './engine/enqueue-scope.js';
export { WorkContinuation } from './engine/work-continuation.js';
export type { WorkManager, WorkRequests } from './engine/work-manager.js';
export {
  assertChainable,
  requireName,
  requirePolicy,
  requireRequests,
  toRequestList,
  workInfoListsEqual,
} from './engine/work-manager-arguments.js';
export type { CreateWorkManagerOptions, WorkManagerConfig } from './engine/work-manager-config.js';
export {
  createWorkManager,
  type StartGate,
  WorkManagerEngine,
} from './engine/work-manager-engine.js';
export type { Worker, WorkerContext, Workers } from './engine/worker.js';
export { ERROR_OUTPUT_KEY } from './engine/worker-runner.js';
export type { BackoffPolicy } from './model/backoff-policy.js';
export {
  type Constraints,
  type ConstraintsInit,
  constraintsEqual,
  hasConstraints,
  type NetworkType,
  NO_CONSTRAINTS,
} from './model/constraints.js';
export { Data, type DataInput, type DataScalar, type DataValue } from './model/data.js';
export { type DurationInput, toMillis } from './model/duration.js';
export type {
  ExistingPeriodicWorkPolicy,
  ExistingWorkPolicy,
} from './model/existing-work-policy.js';
export type { InputMerger } from './model/input-merger.js';
export type { OutOfQuotaPolicy } from './model/out-of-quota-policy.js';
export type { PeriodicityInfo } from './model/periodicity-info.js';
export { isWorkerResult, Result, type WorkerResult } from './model/result.js';
export { StopReason } from './model/stop-reason.js';
export type { UpdateResult } from './model/update-result.js';
export { isWorkError, WorkError, type WorkErrorCode } from './model/work-error.js';
export { type WorkInfo, workInfoEquals, workInfoFromSpec } from './model/work-info.js';
export { validateWorkQuery, type WorkQuery } from './model/work-query.js';
export {
  normaliseForSemantics,
  OneTimeWorkRequest,
  type OneTimeWorkRequestOptions,
  PeriodicWorkRequest,
  type PeriodicWorkRequestOptions,
  type RequestBuildContext,
  type WorkRequest,
  type WorkRequestOptions,
} from './model/work-request.js';
export {
  ANDROIDX_SEMANTICS,
  resolveSemantics,
  type WorkSemantics,
} from './model/work-semantics.js';
export { isBackedOff, isPeriodic, NOT_ENQUEUED, type WorkSpec } from './model/work-spec.js';
export { workSpecFromRequest } from './model/work-spec-template.js';
export {
  FINISHED_STATES,
  isFinished,
  isWorkState,
  WORK_STATES,
  type WorkState,
} from './model/work-state.js';
export { type Clock, systemClock, type TimerHandle } from './ports/clock.js';
export type { ConstraintTracker } from './ports/constraint-tracker.js';
export { ALL_CONDITIONS_MET, type DeviceConditions } from './ports/device-conditions.js';
export { consoleLogger, type Logger, silentLogger } from './ports/logger.js';
export { randomWorkId } from './ports/random-id.js';
export type * from './ports/work-row-session.js';
export type * from './ports/work-store.js';
export type * from './ports/work-transaction.js';
export { backoffDelay } from './rules/backoff.js';
export { constraintsMet, unmetConstraintStopReason } from './rules/constraints-met.js';
export { mergeInputs } from './rules/input-merger.js';
export {
  calculateNextRunTime,
  type NextRunTimeInput,
  nextRunTimeOf,
} from './rules/next-run-time.js';
export { COMBINE_WORKER, RESERVED_PREFIX, validateRequest } from './rules/request-validation.js';
export { memoryStore, memoryTransactionRunner } from './store/memory-store.js';
export { sessionTransactionRunner } from './store/snapshot/session-transaction-runner.js';
export { MissingRead, SnapshotTransaction } from './store/snapshot/snapshot-transaction.js';
export { workStoreFromTransactions } from './store/work-store-from-transactions.js';
