import type { ConstraintTracker, DeviceConditions, NetworkType } from '@workmanager-ts/core';
import { deviceIdle } from './idle-condition.js';
import { networkTypes } from './network-condition.js';
import { type PowerState, powerState } from './power-condition.js';
import { storageNotLow } from './storage-condition.js';

/** Where each condition comes from; replace any of them to plug in your own source. */
export interface NodeConditionSources {
  readonly networkTypes: () => readonly NetworkType[];
  readonly power: () => PowerState;
  readonly storageNotLow: () => boolean;
  readonly deviceIdle: () => boolean;
}

/** Options of {@link nodeConstraintTracker}. */
export interface NodeConstraintTrackerOptions {
  /** Overrides for single sources; the rest read the OS. */
  readonly sources?: Partial<NodeConditionSources>;
  /** How often the OS is read again. Default 10 s. */
  readonly pollIntervalMillis?: number;
  /** The path whose filesystem storage-not-low checks. Default: the working directory. */
  readonly storagePath?: string;
}

/**
 * Constraints on a Node host, read from the OS: storage from `statfs`, network from the
 * interfaces that are up, charging and battery from `/sys/class/power_supply` (no battery =
 * mains), device-idle from the load average. Polled; subscribers hear only real changes.
 */
export function nodeConstraintTracker(
  options: NodeConstraintTrackerOptions = {},
): ConstraintTracker & {
  close(): void;
} {
  const sources: NodeConditionSources = {
    networkTypes,
    power: powerState(),
    storageNotLow: storageNotLow({ path: options.storagePath ?? process.cwd() }),
    deviceIdle: deviceIdle(),
    ...options.sources,
  };
  const read = (): DeviceConditions => {
    const power = sources.power();
    return {
      networkTypes: sources.networkTypes(),
      charging: power.charging,
      batteryNotLow: power.batteryNotLow,
      storageNotLow: sources.storageNotLow(),
      deviceIdle: sources.deviceIdle(),
    };
  };
  let current = read();
  const listeners = new Set<(c: DeviceConditions) => void>();
  const timer = setInterval(() => {
    let next: DeviceConditions;
    try {
      next = read();
    } catch {
      // A source failing now (a storage path removed, /sys unreadable) must not crash the
      // process from a timer: keep the last conditions and read again at the next poll.
      return;
    }
    if (sameConditions(current, next)) return;
    current = next;
    for (const listener of listeners) listener(current);
  }, options.pollIntervalMillis ?? 10_000);
  timer.unref();
  return {
    current: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => clearInterval(timer),
  };
}

function sameConditions(a: DeviceConditions, b: DeviceConditions): boolean {
  return (
    a.charging === b.charging &&
    a.batteryNotLow === b.batteryNotLow &&
    a.storageNotLow === b.storageNotLow &&
    a.deviceIdle === b.deviceIdle &&
    a.networkTypes.length === b.networkTypes.length &&
    a.networkTypes.every((t) => b.networkTypes.includes(t))
  );
}
