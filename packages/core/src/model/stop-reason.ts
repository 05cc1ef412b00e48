/**
 * Why a run was stopped, with androidx.work's numeric values (`WorkInfo.STOP_REASON_*`,
 * spec §1). Values ≥ 0 mirror JobScheduler's; the negative ones are WorkManager's own.
 * Kept numeric so that a WorkInfo from this engine and one from a device compare equal.
 */
export const StopReason = {
  FOREGROUND_SERVICE_TIMEOUT: -128,
  NOT_STOPPED: -256,
  UNKNOWN: -512,
  CANCELLED_BY_APP: 1,
  PREEMPT: 2,
  TIMEOUT: 3,
  DEVICE_STATE: 4,
  CONSTRAINT_BATTERY_NOT_LOW: 5,
  CONSTRAINT_CHARGING: 6,
  CONSTRAINT_CONNECTIVITY: 7,
  CONSTRAINT_DEVICE_IDLE: 8,
  CONSTRAINT_STORAGE_NOT_LOW: 9,
  QUOTA: 10,
  BACKGROUND_RESTRICTION: 11,
  APP_STANDBY: 12,
  USER: 13,
  SYSTEM_PROCESSING: 14,
  ESTIMATED_APP_LAUNCH_TIME_CHANGED: 15,
} as const;

/** A stop reason value; any integer is accepted on the wire, these are the named ones. */
export type StopReason = number;
