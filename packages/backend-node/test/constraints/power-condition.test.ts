import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { powerState } from '../../src/constraints/power-condition.js';
import { fakePowerSupply } from './fake-power-supply.js';

const MAINS = { charging: true, batteryNotLow: true };

describe('powerState (Linux /sys/class/power_supply)', () => {
  let sysfs: ReturnType<typeof fakePowerSupply>;
  beforeEach(() => {
    sysfs = fakePowerSupply();
  });
  afterEach(() => sysfs.remove());

  it('no power_supply folder at all (containers, other OSes): on mains', () => {
    expect(powerState({ root: join(sysfs.root, 'missing') })()).toEqual(MAINS);
  });

  it('no battery (an empty folder, or mains only): on mains, whatever the mains says', () => {
    expect(powerState({ root: sysfs.root })()).toEqual(MAINS);
    sysfs.supply('AC', { type: 'Mains', online: '0' });
    expect(powerState({ root: sysfs.root })()).toEqual(MAINS);
  });

  it('a battery discharging at 10 %: not charging, battery low', () => {
    sysfs.supply('BAT0', { type: 'Battery', status: 'Discharging', capacity: '10' });
    sysfs.supply('AC', { type: 'Mains', online: '0' });
    expect(powerState({ root: sysfs.root })()).toEqual({ charging: false, batteryNotLow: false });
  });

  it('the same battery with Mains online: charging, so battery not low', () => {
    sysfs.supply('BAT0', { type: 'Battery', status: 'Discharging', capacity: '10' });
    sysfs.supply('AC', { type: 'Mains', online: '1' });
    expect(powerState({ root: sysfs.root })()).toEqual(MAINS);
  });

  it.each([
    ['Charging', '5', MAINS],
    ['Full', '100', MAINS],
    ['Not charging', '80', { charging: false, batteryNotLow: true }],
    ['Discharging', '16', { charging: false, batteryNotLow: true }],
    ['Discharging', '15', { charging: false, batteryNotLow: false }],
  ])('status %s at %s %%: %o', (status, capacity, expected) => {
    sysfs.supply('BAT0', { type: 'Battery', status, capacity });
    expect(powerState({ root: sysfs.root })()).toEqual(expected);
  });

  it('lowAtPercent moves the low-battery level', () => {
    sysfs.supply('BAT0', { type: 'Battery', status: 'Discharging', capacity: '20' });
    expect(powerState({ root: sysfs.root })().batteryNotLow).toBe(true);
    expect(powerState({ root: sysfs.root, lowAtPercent: 25 })().batteryNotLow).toBe(false);
  });

  it('several batteries: the fullest one counts; a charging one makes the host charging', () => {
    sysfs.supply('BAT0', { type: 'Battery', status: 'Discharging', capacity: '5' });
    sysfs.supply('BAT1', { type: 'Battery', status: 'Discharging', capacity: '60' });
    expect(powerState({ root: sysfs.root })()).toEqual({ charging: false, batteryNotLow: true });
    sysfs.supply('BAT1', { status: 'Charging' });
    expect(powerState({ root: sysfs.root })()).toEqual(MAINS);
  });

  it('a missing or unreadable capacity counts as unknown, which is not low', () => {
    sysfs.supply('BAT0', { type: 'Battery', status: 'Discharging' });
    expect(powerState({ root: sysfs.root })()).toEqual({ charging: false, batteryNotLow: true });
    sysfs.supply('BAT0', { capacity: 'unknown' });
    expect(powerState({ root: sysfs.root })()).toEqual({ charging: false, batteryNotLow: true });
  });

  it('reads the files again on every call, so unplugging is seen at the next read', () => {
    sysfs.supply('BAT0', { type: 'Battery', status: 'Charging', capacity: '12' });
    const read = powerState({ root: sysfs.root });
    expect(read()).toEqual(MAINS);
    sysfs.supply('BAT0', { status: 'Discharging' });
    expect(read()).toEqual({ charging: false, batteryNotLow: false });
  });
});
