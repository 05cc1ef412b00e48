import {
  type NetworkType,
  StopReason,
  WORK_STATES,
  WorkError,
  type WorkInfo,
  type WorkState,
} from '@workmanager-ts/core';
import { decodeWireData } from './wire-data.js';
import type { WireWorkInfo } from './wire-work-info.js';

const NETWORK_TYPES: readonly NetworkType[] = [
  'NOT_REQUIRED',
  'CONNECTED',
  'UNMETERED',
  'NOT_ROAMING',
  'METERED',
  'TEMPORARILY_UNMETERED',
];

/**
 * Decodes a device's WorkInfo into the engine's `WorkInfo`, so the same `workInfoEquals`,
 * observers and app code work on both backends: all six states kept, `null` next schedule
 * time → Infinity, `null` stop reason (API < 31) → `NOT_STOPPED`.
 *
 * @throws WorkError `BRIDGE_FAILURE` when the native side sent something that is not a
 *   WorkInfo (a version mismatch or a native bug).
 */
export function decodeWorkInfo(wire: WireWorkInfo): WorkInfo {
  if (typeof wire !== 'object' || wire === null || typeof wire.id !== 'string') {
    throw malformed('a WorkInfo without an id');
  }
  if (!(WORK_STATES as readonly string[]).includes(wire.state)) {
    throw malformed(`state ${JSON.stringify(wire.state)}`);
  }
  const c = wire.constraints;
  if (!c || !(NETWORK_TYPES as readonly string[]).includes(c.network)) {
    throw malformed(`constraints of ${wire.id}`);
  }
  return Object.freeze({
    id: wire.id,
    state: wire.state as WorkState,
    tags: Object.freeze(new Set(wire.tags)) as ReadonlySet<string>,
    outputData: decodeWireData(wire.outputData),
    progress: decodeWireData(wire.progress),
    runAttemptCount: wire.runAttemptCount,
    generation: wire.generation,
    constraints: Object.freeze({
      requiredNetworkType: c.network,
      requiresCharging: c.requiresCharging === true,
      requiresBatteryNotLow: c.requiresBatteryNotLow === true,
      requiresDeviceIdle: c.requiresDeviceIdle === true,
      requiresStorageNotLow: c.requiresStorageNotLow === true,
    }),
    initialDelayMillis: wire.initialDelayMillis,
    periodicityInfo: wire.periodicity ? Object.freeze({ ...wire.periodicity }) : null,
    nextScheduleTimeMillis: wire.nextScheduleTimeMillis ?? Number.POSITIVE_INFINITY,
    stopReason: wire.stopReason ?? StopReason.NOT_STOPPED,
  });
}

function malformed(what: string): WorkError {
  return new WorkError(
    'BRIDGE_FAILURE',
    `The native bridge sent a malformed WorkInfo (${what}); make sure the app's native module and JS package are the same release.`,
  );
}
