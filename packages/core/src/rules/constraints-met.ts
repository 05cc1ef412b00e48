import type { Constraints } from '../model/constraints.js';
import { StopReason } from '../model/stop-reason.js';
import type { DeviceConditions } from '../ports/device-conditions.js';

/**
 * The stop reason of the first constraint the conditions do not meet — network, charging,
 * battery not low, storage not low, device idle — or null when all are met. A run that loses a
 * constraint is stopped with this reason (spec §12, STP-07).
 */
export function unmetConstraintStopReason(c: Constraints, d: DeviceConditions): number | null {
  if (c.requiredNetworkType !== 'NOT_REQUIRED' && !d.networkTypes.includes(c.requiredNetworkType)) {
    return StopReason.CONSTRAINT_CONNECTIVITY;
  }
  if (c.requiresCharging && !d.charging) return StopReason.CONSTRAINT_CHARGING;
  if (c.requiresBatteryNotLow && !d.batteryNotLow) return StopReason.CONSTRAINT_BATTERY_NOT_LOW;
  if (c.requiresStorageNotLow && !d.storageNotLow) return StopReason.CONSTRAINT_STORAGE_NOT_LOW;
  if (c.requiresDeviceIdle && !d.deviceIdle) return StopReason.CONSTRAINT_DEVICE_IDLE;
  return null;
}

/** True when the conditions allow work with these constraints to start (or keep running). */
export function constraintsMet(c: Constraints, d: DeviceConditions): boolean {
  return unmetConstraintStopReason(c, d) === null;
}
