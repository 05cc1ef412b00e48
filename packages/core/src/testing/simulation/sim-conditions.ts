import type { NetworkType } from '../../model/constraints.js';
import { ALL_CONDITIONS_MET, type DeviceConditions } from '../../ports/device-conditions.js';
import type { SimConditions } from './scenario.js';

const NETWORKS: Readonly<Record<NonNullable<SimConditions['network']>, readonly NetworkType[]>> = {
  none: ['NOT_REQUIRED'],
  metered: ['NOT_REQUIRED', 'CONNECTED', 'METERED', 'NOT_ROAMING'],
  unmetered: ALL_CONDITIONS_MET.networkTypes,
};

/** Applies a scenario's readable condition changes to the device conditions. */
export function applySimConditions(base: DeviceConditions, set: SimConditions): DeviceConditions {
  return {
    networkTypes: set.network ? NETWORKS[set.network] : base.networkTypes,
    charging: set.charging ?? base.charging,
    batteryNotLow: set.batteryNotLow ?? base.batteryNotLow,
    deviceIdle: set.deviceIdle ?? base.deviceIdle,
    storageNotLow: set.storageNotLow ?? base.storageNotLow,
  };
}
