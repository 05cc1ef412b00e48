import { WorkError, type WorkRequest } from '@workmanager-ts/core';
import { encodeWireData } from './wire-data.js';
import type { WireWorkRequest } from './wire-work-request.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Encodes a request that core's `OneTimeWorkRequest.from` / `PeriodicWorkRequest.from` already
 * validated and normalised, so the device gets exactly the values the pure engine would use.
 * Adds the two checks only the device needs: the id must be a UUID (androidx's `setId(UUID)`)
 * and no input key may use the reserved `wm.` prefix.
 *
 * @throws WorkError `INVALID_REQUEST` for a non-UUID id; `INVALID_DATA` for a reserved key.
 */
export function encodeWorkRequest(request: WorkRequest): WireWorkRequest {
  if (!UUID.test(request.id)) {
    throw new WorkError(
      'INVALID_REQUEST',
      `Work id ${JSON.stringify(request.id)} is not a UUID; androidx.work needs UUID ids — leave \`id\` out or pass crypto.randomUUID().`,
    );
  }
  const base = {
    id: request.id.toLowerCase(),
    workerName: request.worker,
    inputData: encodeWireData(request.input, `Input of work ${request.id}:`),
    tags: [...request.tags],
    initialDelayMs: request.initialDelay,
    // Only an explicit backoff is sent: androidx refuses backoff criteria on device-idle work.
    ...(request.raw.backoffDelay === undefined
      ? {}
      : { backoff: { policy: request.backoffPolicy, delayMs: request.backoffDelay } }),
    constraints: {
      network: request.constraints.requiredNetworkType,
      requiresCharging: request.constraints.requiresCharging,
      requiresBatteryNotLow: request.constraints.requiresBatteryNotLow,
      requiresDeviceIdle: request.constraints.requiresDeviceIdle,
      requiresStorageNotLow: request.constraints.requiresStorageNotLow,
    },
    keepResultsForAtLeastMs: request.keepResultsForAtLeast,
  };
  if (request.kind === 'periodic') {
    const override = Number.isFinite(request.nextScheduleTimeOverride)
      ? { nextScheduleTimeOverrideMs: request.nextScheduleTimeOverride }
      : request.nextScheduleTimeOverrideGeneration > 0
        ? { clearNextScheduleTimeOverride: true }
        : {};
    return {
      ...base,
      kind: 'periodic',
      periodic: { intervalMs: request.interval, flexMs: request.flex, ...override },
    };
  }
  return {
    ...base,
    kind: 'oneTime',
    inputMerger: request.inputMerger === 'ARRAY_CREATING' ? 'arrayCreating' : 'overwrite',
    ...(request.expedited ? { expedited: { outOfQuotaPolicy: request.outOfQuotaPolicy } } : {}),
  };
}
