import type { ConstraintTracker } from '../ports/constraint-tracker.js';
import { ALL_CONDITIONS_MET, type DeviceConditions } from '../ports/device-conditions.js';

/** Device conditions a test sets by hand; starts with every constraint met. */
export class TestConstraintTracker implements ConstraintTracker {
  private conditions: DeviceConditions;
  private readonly listeners = new Set<(c: DeviceConditions) => void>();

  constructor(initial: Partial<DeviceConditions> = {}) {
    this.conditions = { ...ALL_CONDITIONS_MET, ...initial };
  }

  current(): DeviceConditions {
    return this.conditions;
  }

  /** Changes some conditions and tells every subscriber. */
  set(changes: Partial<DeviceConditions>): void {
    this.conditions = { ...this.conditions, ...changes };
    for (const listener of this.listeners) listener(this.conditions);
  }

  subscribe(listener: (c: DeviceConditions) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
