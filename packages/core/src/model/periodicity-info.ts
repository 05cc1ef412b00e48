/**
 * The repeat interval and flex of periodic work, as `WorkInfo.periodicityInfo` reports them
 * (androidx's `WorkInfo.PeriodicityInfo`); `null` there for one-time work.
 */
export interface PeriodicityInfo {
  readonly repeatIntervalMillis: number;
  readonly flexIntervalMillis: number;
}
