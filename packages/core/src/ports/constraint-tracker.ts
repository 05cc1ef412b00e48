import type { DeviceConditions } from './device-conditions.js';

/**
 * Observes the conditions constraints are checked against. The Node backend implements it from
 * the OS where the OS can tell; the test kit sets it by hand.
 */
export interface ConstraintTracker {
  /** The conditions now. */
  current(): DeviceConditions;
  /** Called whenever the conditions change; returns an unsubscribe function. */
  subscribe(listener: (conditions: DeviceConditions) => void): () => void;
}
