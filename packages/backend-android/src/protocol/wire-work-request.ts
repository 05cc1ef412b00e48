import type { NetworkType } from '@workmanager-ts/core';
import type { WireData } from './wire-data.js';

/** The wire form of constraints, in androidx's own enum names. */
export interface WireConstraints {
  readonly network: NetworkType;
  readonly requiresCharging: boolean;
  readonly requiresBatteryNotLow: boolean;
  readonly requiresDeviceIdle: boolean;
  readonly requiresStorageNotLow: boolean;
}

/**
 * One normalised request as the native side receives it (android-bridge.md §4.4 "Request spec
 * fields"). Everything is already validated and clamped by core, so the native plan only maps
 * fields to builder calls. `tags` include the worker name (as core's requests do); the native
 * side adds the reserved `wm.worker:` / `wm.unique:` tags itself.
 */
export interface WireWorkRequest {
  readonly id: string;
  readonly workerName: string;
  readonly kind: 'oneTime' | 'periodic';
  readonly inputData: WireData;
  readonly tags: readonly string[];
  readonly initialDelayMs: number;
  /** Present only when the request set a backoff (clamped by core); else androidx's default. */
  readonly backoff?: { readonly policy: 'EXPONENTIAL' | 'LINEAR'; readonly delayMs: number };
  readonly constraints: WireConstraints;
  readonly keepResultsForAtLeastMs: number;
  /** One-time only; absent when not expedited. */
  readonly expedited?: {
    readonly outOfQuotaPolicy: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST' | 'DROP_WORK_REQUEST';
  };
  /** One-time only. */
  readonly inputMerger?: 'overwrite' | 'arrayCreating';
  /** Periodic only. `nextScheduleTimeOverrideMs` is present when the request sets one. */
  readonly periodic?: {
    readonly intervalMs: number;
    readonly flexMs: number;
    readonly nextScheduleTimeOverrideMs?: number;
    readonly clearNextScheduleTimeOverride?: boolean;
  };
}
