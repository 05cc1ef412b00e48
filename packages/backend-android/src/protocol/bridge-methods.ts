import type {
  ExistingPeriodicWorkPolicy,
  ExistingWorkPolicy,
  UpdateResult,
} from '@workmanager-ts/core';
import type { WireData } from './wire-data.js';
import type { WireWorkInfo } from './wire-work-info.js';
import type { WireWorkQuery } from './wire-work-query.js';
import type { WireWorkRequest } from './wire-work-request.js';

/**
 * One level of a continuation (androidx `WorkContinuation`): a root (`beginWith` /
 * `beginUniqueWork`), a `then` (one parent) or a `combine` (several parents, no requests).
 * `levelId` lets a later `then` on an already enqueued level find it on the native side.
 */
export interface WireContinuationLevel {
  readonly levelId: string;
  readonly parentLevelIds: readonly string[];
  readonly unique: { readonly name: string; readonly policy: ExistingWorkPolicy } | null;
  readonly requests: readonly WireWorkRequest[];
}

/** What a worker returned, as `completeRun` carries it. */
export interface WireOutcome {
  readonly type: 'success' | 'failure' | 'retry';
  readonly outputData?: WireData;
}

/**
 * Every method of protocol v1, JS → native, with its params and result (android-bridge.md
 * §4.4 "Methods"). The single source for the TS client; the Kotlin codec follows it and the
 * contract vectors pin both.
 */
export interface BridgeMethods {
  hello: {
    params: { protocolVersions: readonly number[]; workerNames: readonly string[] };
    result: {
      protocolVersion: number;
      sessionId: string;
      sdkInt: number;
      capabilities: readonly string[];
    };
  };
  enqueue: { params: { requests: readonly WireWorkRequest[] }; result: { ids: readonly string[] } };
  enqueueUniqueWork: {
    params: {
      uniqueName: string;
      policy: ExistingWorkPolicy;
      requests: readonly WireWorkRequest[];
    };
    result: { ids: readonly string[] };
  };
  enqueueUniquePeriodicWork: {
    params: { uniqueName: string; policy: ExistingPeriodicWorkPolicy; request: WireWorkRequest };
    result: { id: string };
  };
  enqueueChain: {
    params: { levels: readonly WireContinuationLevel[] };
    result: { ids: readonly string[] };
  };
  updateWork: { params: { request: WireWorkRequest }; result: { result: UpdateResult } };
  cancelWorkById: { params: { id: string }; result: Record<string, never> };
  cancelAllWorkByTag: { params: { tag: string }; result: Record<string, never> };
  cancelUniqueWork: { params: { uniqueName: string }; result: Record<string, never> };
  cancelAllWork: { params: Record<string, never>; result: Record<string, never> };
  pruneWork: { params: Record<string, never>; result: Record<string, never> };
  getWorkInfos: { params: { query: WireWorkQuery }; result: { infos: readonly WireWorkInfo[] } };
  getWorkInfoById: { params: { id: string }; result: { info: WireWorkInfo | null } };
  subscribe: {
    params: { subscriptionId: string; query: WireWorkQuery };
    result: Record<string, never>;
  };
  unsubscribe: { params: { subscriptionId: string }; result: Record<string, never> };
  getLastCancelAllTimeMillis: { params: Record<string, never>; result: { millis: number } };
  completeRun: { params: { runId: string; outcome: WireOutcome }; result: Record<string, never> };
  setProgress: { params: { runId: string; progress: WireData }; result: Record<string, never> };
  'test.setAllConstraintsMet': { params: { id: string }; result: Record<string, never> };
  'test.setInitialDelayMet': { params: { id: string }; result: Record<string, never> };
  'test.setPeriodDelayMet': { params: { id: string }; result: Record<string, never> };
}

/** A method name of protocol v1. */
export type BridgeMethod = keyof BridgeMethods;

/** Every method name, for routing checks and the Kotlin drift test. */
export const BRIDGE_METHODS: readonly BridgeMethod[] = Object.freeze([
  'hello',
  'enqueue',
  'enqueueUniqueWork',
  'enqueueUniquePeriodicWork',
  'enqueueChain',
  'updateWork',
  'cancelWorkById',
  'cancelAllWorkByTag',
  'cancelUniqueWork',
  'cancelAllWork',
  'pruneWork',
  'getWorkInfos',
  'getWorkInfoById',
  'subscribe',
  'unsubscribe',
  'getLastCancelAllTimeMillis',
  'completeRun',
  'setProgress',
  'test.setAllConstraintsMet',
  'test.setInitialDelayMet',
  'test.setPeriodDelayMet',
] as const);
