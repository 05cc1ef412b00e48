import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the host's power supply says, as constraints read it. */
export interface PowerState {
  readonly charging: boolean;
  readonly batteryNotLow: boolean;
}

/**
 * Reads Linux's `/sys/class/power_supply`. With no battery at all (servers, most desktops and
 * containers) the host is on mains: charging and battery-not-low are both met. With a battery,
 * "charging" means status Charging or Full, or a mains supply online; "battery not low" means
 * charging or capacity above `lowAtPercent` (Android's low-battery level is 15 %).
 */
export function powerState(
  options: { root?: string; lowAtPercent?: number } = {},
): () => PowerState {
  const root = options.root ?? '/sys/class/power_supply';
  const lowAt = options.lowAtPercent ?? 15;
  return () => {
    let supplies: string[];
    try {
      supplies = readdirSync(root);
    } catch {
      return { charging: true, batteryNotLow: true };
    }
    const read = (supply: string, file: string): string | undefined => {
      try {
        return readFileSync(join(root, supply, file), 'utf8').trim();
      } catch {
        return undefined;
      }
    };
    const batteries = supplies.filter((s) => read(s, 'type') === 'Battery');
    if (batteries.length === 0) return { charging: true, batteryNotLow: true };
    const mainsOnline = supplies.some(
      (s) => read(s, 'type') === 'Mains' && read(s, 'online') === '1',
    );
    const charging =
      mainsOnline || batteries.some((b) => ['Charging', 'Full'].includes(read(b, 'status') ?? ''));
    // An unreadable capacity is unknown, which (like Android's BATTERY_STATUS_UNKNOWN) is not low.
    const capacity = Math.max(
      ...batteries.map((b) => {
        const percent = Number.parseFloat(read(b, 'capacity') ?? '');
        return Number.isFinite(percent) ? percent : 100;
      }),
    );
    return { charging, batteryNotLow: charging || capacity > lowAt };
  };
}
