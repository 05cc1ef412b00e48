/** Network a work needs before it may run (spec §1, androidx `NetworkType`). */
export type NetworkType =
  | 'NOT_REQUIRED'
  | 'CONNECTED'
  | 'UNMETERED'
  | 'NOT_ROAMING'
  | 'METERED'
  | 'TEMPORARILY_UNMETERED';

/** The conditions a work needs to run. Immutable; compare with {@link constraintsEqual}. */
export interface Constraints {
  readonly requiredNetworkType: NetworkType;
  readonly requiresCharging: boolean;
  readonly requiresBatteryNotLow: boolean;
  readonly requiresDeviceIdle: boolean;
  readonly requiresStorageNotLow: boolean;
}

/** What a request may say about constraints; anything left out is not required. */
export type ConstraintsInit = Partial<Constraints>;

/** No constraint at all — androidx's `Constraints.NONE`. */
export const NO_CONSTRAINTS: Constraints = Object.freeze({
  requiredNetworkType: 'NOT_REQUIRED',
  requiresCharging: false,
  requiresBatteryNotLow: false,
  requiresDeviceIdle: false,
  requiresStorageNotLow: false,
});

/** True when both ask for exactly the same conditions. */
export function constraintsEqual(a: Constraints, b: Constraints): boolean {
  return (
    a.requiredNetworkType === b.requiredNetworkType &&
    a.requiresCharging === b.requiresCharging &&
    a.requiresBatteryNotLow === b.requiresBatteryNotLow &&
    a.requiresDeviceIdle === b.requiresDeviceIdle &&
    a.requiresStorageNotLow === b.requiresStorageNotLow
  );
}

/** True when the work needs anything at all (androidx `hasConstraints`). */
export function hasConstraints(c: Constraints): boolean {
  return !constraintsEqual(c, NO_CONSTRAINTS);
}
