import { describe, expect, it } from 'vitest';
import { type Constraints, NO_CONSTRAINTS } from '../../src/model/constraints.js';
import { StopReason } from '../../src/model/stop-reason.js';
import { ALL_CONDITIONS_MET, type DeviceConditions } from '../../src/ports/device-conditions.js';
import { constraintsMet, unmetConstraintStopReason } from '../../src/rules/constraints-met.js';

const EVERYTHING: Constraints = {
  requiredNetworkType: 'UNMETERED',
  requiresCharging: true,
  requiresBatteryNotLow: true,
  requiresDeviceIdle: true,
  requiresStorageNotLow: true,
};
const NOTHING: DeviceConditions = {
  networkTypes: ['NOT_REQUIRED'],
  charging: false,
  batteryNotLow: false,
  deviceIdle: false,
  storageNotLow: false,
};

describe('constraintsMet / unmetConstraintStopReason', () => {
  it('work without constraints runs whatever the conditions', () => {
    expect(constraintsMet(NO_CONSTRAINTS, NOTHING)).toBe(true);
    expect(constraintsMet(NO_CONSTRAINTS, { ...NOTHING, networkTypes: [] })).toBe(true);
    expect(unmetConstraintStopReason(NO_CONSTRAINTS, NOTHING)).toBeNull();
  });

  it('all constraints are met when every condition holds', () => {
    expect(constraintsMet(EVERYTHING, ALL_CONDITIONS_MET)).toBe(true);
  });

  it('STP-07 losing charging stops with CONSTRAINT_CHARGING (6)', () => {
    const charging = { ...NO_CONSTRAINTS, requiresCharging: true };
    expect(unmetConstraintStopReason(charging, { ...ALL_CONDITIONS_MET, charging: false })).toBe(6);
    expect(constraintsMet(charging, { ...ALL_CONDITIONS_MET, charging: false })).toBe(false);
  });

  it('reports the first unmet constraint: network, charging, battery, storage, idle', () => {
    const order: [Partial<DeviceConditions>, number][] = [
      [
        { networkTypes: ['NOT_REQUIRED', 'CONNECTED', 'METERED'] },
        StopReason.CONSTRAINT_CONNECTIVITY,
      ],
      [{ charging: false }, StopReason.CONSTRAINT_CHARGING],
      [{ batteryNotLow: false }, StopReason.CONSTRAINT_BATTERY_NOT_LOW],
      [{ storageNotLow: false }, StopReason.CONSTRAINT_STORAGE_NOT_LOW],
      [{ deviceIdle: false }, StopReason.CONSTRAINT_DEVICE_IDLE],
    ];
    for (const [lost, reason] of order) {
      expect(unmetConstraintStopReason(EVERYTHING, { ...ALL_CONDITIONS_MET, ...lost })).toBe(
        reason,
      );
    }
    expect(unmetConstraintStopReason(EVERYTHING, NOTHING)).toBe(StopReason.CONSTRAINT_CONNECTIVITY);
    expect(unmetConstraintStopReason(EVERYTHING, { ...NOTHING, networkTypes: ['UNMETERED'] })).toBe(
      StopReason.CONSTRAINT_CHARGING,
    );
  });
});
