import type { NetworkType } from '../model/constraints.js';

/**
 * What the device (or host) offers right now, against which constraints are checked.
 * `networkTypes` lists every {@link NetworkType} the current network satisfies (always
 * including NOT_REQUIRED).
 */
export interface DeviceConditions {
  readonly networkTypes: readonly NetworkType[];
  readonly charging: boolean;
  readonly batteryNotLow: boolean;
  readonly deviceIdle: boolean;
  readonly storageNotLow: boolean;
}

/** Every constraint met: the default when no tracker is configured. */
export const ALL_CONDITIONS_MET: DeviceConditions = Object.freeze({
  networkTypes: Object.freeze([
    'NOT_REQUIRED',
    'CONNECTED',
    'UNMETERED',
    'NOT_ROAMING',
    'METERED',
    'TEMPORARILY_UNMETERED',
  ] as NetworkType[]),
  charging: true,
  batteryNotLow: true,
  deviceIdle: true,
  storageNotLow: true,
});
