import { Data, type NetworkType, type WorkSpec, type WorkState } from '@workmanager-ts/core';

/** A value SQLite stores for one column. */
export type SqlValue = string | number | null;

/**
 * A `works` row as read back in raw (array) mode, which is several times cheaper than row
 * objects: the {@link WORK_COLUMNS} in order, then the tags and the prerequisites as JSON
 * arrays in insertion order.
 */
export type WorkRow = readonly SqlValue[];

/** The WorkSpec fields kept as columns of `works` (tags and prerequisites have tables). */
export type WorkColumnField = Exclude<keyof WorkSpec, 'tags' | 'prerequisites'>;

type ColumnWriter = (value: never, out: Record<string, SqlValue>) => void;

const bool = (value: boolean): number => (value ? 1 : 0);
/** "Never" (Infinity) is NULL, so the due index holds only real instants. */
const neverAsNull = (value: number): number | null =>
  value === Number.POSITIVE_INFINITY ? null : value;
const nullAsNever = (value: number | null): number => value ?? Number.POSITIVE_INFINITY;
const encodeData = (data: Data): string => (data.isEmpty() ? '{}' : JSON.stringify(data));
const decodeData = (text: string): Data => (text === '{}' ? Data.EMPTY : Data.fromJSON(text));
const EMPTY_LIST: readonly string[] = Object.freeze([]);
const decodeList = (json: string): readonly string[] =>
  json === '[]' ? EMPTY_LIST : (JSON.parse(json) as string[]);

/**
 * How each column field is written, keyed by WorkSpec field; a partial patch writes only the
 * columns of the fields it names. `constraints` spans five columns.
 */
const COLUMN_WRITERS: {
  readonly [F in WorkColumnField]: (value: WorkSpec[F], out: Record<string, SqlValue>) => void;
} = {
  id: (v, o) => void (o.id = v),
  workerName: (v, o) => void (o.worker_name = v),
  state: (v, o) => void (o.state = v),
  input: (v, o) => void (o.input = encodeData(v)),
  output: (v, o) => void (o.output = encodeData(v)),
  progress: (v, o) => void (o.progress = encodeData(v)),
  inputMerger: (v, o) => void (o.input_merger = v),
  initialDelay: (v, o) => void (o.initial_delay = v),
  interval: (v, o) => void (o.interval_duration = v),
  flex: (v, o) => void (o.flex_duration = v),
  constraints: (v, o) => {
    o.required_network_type = v.requiredNetworkType;
    o.requires_charging = bool(v.requiresCharging);
    o.requires_battery_not_low = bool(v.requiresBatteryNotLow);
    o.requires_device_idle = bool(v.requiresDeviceIdle);
    o.requires_storage_not_low = bool(v.requiresStorageNotLow);
  },
  runAttemptCount: (v, o) => void (o.run_attempt_count = v),
  backoffPolicy: (v, o) => void (o.backoff_policy = v),
  backoffDelay: (v, o) => void (o.backoff_delay = v),
  lastEnqueueTime: (v, o) => void (o.last_enqueue_time = v),
  minimumRetention: (v, o) => void (o.minimum_retention = v),
  expedited: (v, o) => void (o.expedited = bool(v)),
  outOfQuotaPolicy: (v, o) => void (o.out_of_quota_policy = v),
  periodCount: (v, o) => void (o.period_count = v),
  generation: (v, o) => void (o.generation = v),
  nextScheduleTimeOverride: (v, o) => void (o.next_schedule_time_override = neverAsNull(v)),
  nextScheduleTimeOverrideGeneration: (v, o) => void (o.next_schedule_time_override_generation = v),
  stopReason: (v, o) => void (o.stop_reason = v),
  uniqueName: (v, o) => void (o.unique_name = v),
  nextRunAt: (v, o) => void (o.next_run_at = neverAsNull(v)),
  runOwner: (v, o) => void (o.run_owner = v),
  leaseExpiresAt: (v, o) => void (o.lease_expires_at = v),
  runOverrideGeneration: (v, o) => void (o.run_override_generation = v),
};

/** True for a WorkSpec field stored as column(s) of `works`. */
export function isWorkColumnField(field: string): field is WorkColumnField {
  return Object.hasOwn(COLUMN_WRITERS, field);
}

/** Writes the column(s) of one field into `out` (named statement parameters). */
export function encodeWorkField<F extends WorkColumnField>(
  field: F,
  value: WorkSpec[F],
  out: Record<string, SqlValue>,
): void {
  (COLUMN_WRITERS[field] as ColumnWriter)(value as never, out);
}

/** Every column of `works` except `seq`, in table order (the order of {@link encodeWork}). */
export const WORK_COLUMNS: readonly string[] = [
  'id',
  'worker_name',
  'state',
  'input',
  'output',
  'progress',
  'input_merger',
  'initial_delay',
  'interval_duration',
  'flex_duration',
  'required_network_type',
  'requires_charging',
  'requires_battery_not_low',
  'requires_device_idle',
  'requires_storage_not_low',
  'run_attempt_count',
  'backoff_policy',
  'backoff_delay',
  'last_enqueue_time',
  'minimum_retention',
  'expedited',
  'out_of_quota_policy',
  'period_count',
  'generation',
  'next_schedule_time_override',
  'next_schedule_time_override_generation',
  'stop_reason',
  'unique_name',
  'next_run_at',
  'run_owner',
  'lease_expires_at',
  'run_override_generation',
];

const COLUMN_FIELDS = Object.keys(COLUMN_WRITERS) as WorkColumnField[];

/** The named parameters of an INSERT of the whole spec (tags and prerequisites excluded). */
export function encodeWork(spec: WorkSpec): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const field of COLUMN_FIELDS) {
    encodeWorkField(field, spec[field], out);
  }
  return out;
}

/** Rebuilds the WorkSpec a row was written from, exactly (Infinity, Data and all). */
export function decodeWork(row: WorkRow): WorkSpec {
  // Indices follow WORK_COLUMNS; a test checks that list against the table.
  return {
    id: row[0] as string,
    workerName: row[1] as string,
    state: row[2] as WorkState,
    input: decodeData(row[3] as string),
    output: decodeData(row[4] as string),
    progress: decodeData(row[5] as string),
    inputMerger: row[6] as WorkSpec['inputMerger'],
    initialDelay: row[7] as number,
    interval: row[8] as number,
    flex: row[9] as number,
    constraints: {
      requiredNetworkType: row[10] as NetworkType,
      requiresCharging: row[11] !== 0,
      requiresBatteryNotLow: row[12] !== 0,
      requiresDeviceIdle: row[13] !== 0,
      requiresStorageNotLow: row[14] !== 0,
    },
    runAttemptCount: row[15] as number,
    backoffPolicy: row[16] as WorkSpec['backoffPolicy'],
    backoffDelay: row[17] as number,
    lastEnqueueTime: row[18] as number,
    minimumRetention: row[19] as number,
    expedited: row[20] !== 0,
    outOfQuotaPolicy: row[21] as WorkSpec['outOfQuotaPolicy'],
    periodCount: row[22] as number,
    generation: row[23] as number,
    nextScheduleTimeOverride: nullAsNever(row[24] as number | null),
    nextScheduleTimeOverrideGeneration: row[25] as number,
    stopReason: row[26] as number,
    uniqueName: row[27] as string | null,
    nextRunAt: nullAsNever(row[28] as number | null),
    runOwner: row[29] as string | null,
    leaseExpiresAt: row[30] as number,
    runOverrideGeneration: row[31] as number,
    tags: decodeList(row[32] as string),
    prerequisites: decodeList(row[33] as string),
  };
}
