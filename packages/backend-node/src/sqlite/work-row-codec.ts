import {
  type Constraints,
  Data,
  type NetworkType,
  NO_CONSTRAINTS,
  type WorkSpec,
  type WorkState,
} from '@workmanager-ts/core';

/** A value SQLite stores for one column. */
export type SqlValue = string | number | null;

/**
 * A `works` row as read back in raw (array) mode, which is several times cheaper than row
 * objects: the {@link WORK_COLUMNS} in order (tags and prerequisites last, as JSON arrays in
 * insertion order).
 */
export type WorkRow = readonly SqlValue[];

/** A WorkSpec field a patch can change: every field but the id. */
export type WorkPatchField = Exclude<keyof WorkSpec, 'id'>;

const bool = (value: boolean): number => (value ? 1 : 0);
/** "Never" (Infinity) is NULL, so the due index holds only real instants. */
const neverAsNull = (value: number): number | null =>
  value === Number.POSITIVE_INFINITY ? null : value;
const nullAsNever = (value: number | null): number => value ?? Number.POSITIVE_INFINITY;
const encodeData = (data: Data): string => (data.isEmpty() ? '{}' : JSON.stringify(data));
const decodeData = (text: string): Data => (text === '{}' ? Data.EMPTY : Data.fromJSON(text));
const EMPTY_LIST: readonly string[] = Object.freeze([]);
const encodeList = (list: readonly string[]): string =>
  list.length === 0 ? '[]' : JSON.stringify(list);
const decodeList = (json: string): readonly string[] =>
  json === '[]' ? EMPTY_LIST : (JSON.parse(json) as string[]);

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
  // Denormalised copies of the work_tags / work_dependencies rows (schema version 2), so a
  // work is read from one row; the side tables stay for the tag and dependent indexes.
  'tags',
  'prerequisites',
];

/** The whole spec as positional parameters, in {@link WORK_COLUMNS} order. */
export function encodeWork(spec: WorkSpec): SqlValue[] {
  const c = spec.constraints;
  return [
    spec.id,
    spec.workerName,
    spec.state,
    encodeData(spec.input),
    encodeData(spec.output),
    encodeData(spec.progress),
    spec.inputMerger,
    spec.initialDelay,
    spec.interval,
    spec.flex,
    c.requiredNetworkType,
    bool(c.requiresCharging),
    bool(c.requiresBatteryNotLow),
    bool(c.requiresDeviceIdle),
    bool(c.requiresStorageNotLow),
    spec.runAttemptCount,
    spec.backoffPolicy,
    spec.backoffDelay,
    spec.lastEnqueueTime,
    spec.minimumRetention,
    bool(spec.expedited),
    spec.outOfQuotaPolicy,
    spec.periodCount,
    spec.generation,
    neverAsNull(spec.nextScheduleTimeOverride),
    spec.nextScheduleTimeOverrideGeneration,
    spec.stopReason,
    spec.uniqueName,
    neverAsNull(spec.nextRunAt),
    spec.runOwner,
    spec.leaseExpiresAt,
    spec.runOverrideGeneration,
    encodeList(spec.tags),
    encodeList(spec.prerequisites),
  ];
}

/**
 * How one patchable field is stored: its column(s) and how its value becomes their
 * parameters. `bit` identifies the field in a patch's column set (the statement cache key).
 */
export interface FieldCodec {
  readonly field: WorkPatchField;
  /** The position in {@link FIELD_CODECS}. */
  readonly index: number;
  /** `1 << index`. */
  readonly bit: number;
  readonly columns: readonly string[];
  readonly write: (value: never, out: SqlValue[]) => void;
}

type Writers = { readonly [F in WorkPatchField]: (value: WorkSpec[F], out: SqlValue[]) => void };

const WRITERS: Writers = {
  workerName: (v, o) => void o.push(v),
  state: (v, o) => void o.push(v),
  input: (v, o) => void o.push(encodeData(v)),
  output: (v, o) => void o.push(encodeData(v)),
  progress: (v, o) => void o.push(encodeData(v)),
  inputMerger: (v, o) => void o.push(v),
  initialDelay: (v, o) => void o.push(v),
  interval: (v, o) => void o.push(v),
  flex: (v, o) => void o.push(v),
  constraints: (v, o) =>
    void o.push(
      v.requiredNetworkType,
      bool(v.requiresCharging),
      bool(v.requiresBatteryNotLow),
      bool(v.requiresDeviceIdle),
      bool(v.requiresStorageNotLow),
    ),
  runAttemptCount: (v, o) => void o.push(v),
  backoffPolicy: (v, o) => void o.push(v),
  backoffDelay: (v, o) => void o.push(v),
  lastEnqueueTime: (v, o) => void o.push(v),
  minimumRetention: (v, o) => void o.push(v),
  expedited: (v, o) => void o.push(bool(v)),
  outOfQuotaPolicy: (v, o) => void o.push(v),
  periodCount: (v, o) => void o.push(v),
  generation: (v, o) => void o.push(v),
  nextScheduleTimeOverride: (v, o) => void o.push(neverAsNull(v)),
  nextScheduleTimeOverrideGeneration: (v, o) => void o.push(v),
  stopReason: (v, o) => void o.push(v),
  uniqueName: (v, o) => void o.push(v),
  nextRunAt: (v, o) => void o.push(neverAsNull(v)),
  runOwner: (v, o) => void o.push(v),
  leaseExpiresAt: (v, o) => void o.push(v),
  runOverrideGeneration: (v, o) => void o.push(v),
  tags: (v, o) => void o.push(encodeList(v)),
  prerequisites: (v, o) => void o.push(encodeList(v)),
};

/** The column(s) of each patchable field; `constraints` spans five. */
const FIELD_COLUMNS: { readonly [F in WorkPatchField]: readonly string[] } = {
  workerName: ['worker_name'],
  state: ['state'],
  input: ['input'],
  output: ['output'],
  progress: ['progress'],
  inputMerger: ['input_merger'],
  initialDelay: ['initial_delay'],
  interval: ['interval_duration'],
  flex: ['flex_duration'],
  constraints: [
    'required_network_type',
    'requires_charging',
    'requires_battery_not_low',
    'requires_device_idle',
    'requires_storage_not_low',
  ],
  runAttemptCount: ['run_attempt_count'],
  backoffPolicy: ['backoff_policy'],
  backoffDelay: ['backoff_delay'],
  lastEnqueueTime: ['last_enqueue_time'],
  minimumRetention: ['minimum_retention'],
  expedited: ['expedited'],
  outOfQuotaPolicy: ['out_of_quota_policy'],
  periodCount: ['period_count'],
  generation: ['generation'],
  nextScheduleTimeOverride: ['next_schedule_time_override'],
  nextScheduleTimeOverrideGeneration: ['next_schedule_time_override_generation'],
  stopReason: ['stop_reason'],
  uniqueName: ['unique_name'],
  nextRunAt: ['next_run_at'],
  runOwner: ['run_owner'],
  leaseExpiresAt: ['lease_expires_at'],
  runOverrideGeneration: ['run_override_generation'],
  tags: ['tags'],
  prerequisites: ['prerequisites'],
};

/**
 * The codec of every patchable field, in column order, with a distinct bit each (29 fields:
 * a patch's column set is one 31-bit integer).
 */
export const FIELD_CODECS: readonly FieldCodec[] = (
  Object.keys(FIELD_COLUMNS) as WorkPatchField[]
).map((field, index) => ({
  field,
  index,
  bit: 1 << index,
  columns: FIELD_COLUMNS[field],
  write: WRITERS[field] as (value: never, out: SqlValue[]) => void,
}));

/** The codec of a patchable field by name (no prototype: unknown names are undefined). */
export const FIELD_CODEC_BY_NAME: Readonly<Record<string, FieldCodec | undefined>> = Object.assign(
  Object.create(null) as Record<string, FieldCodec>,
  Object.fromEntries(FIELD_CODECS.map((codec) => [codec.field, codec])),
);

/**
 * Shared, frozen constraint objects by their stored form: a row's constraints are one of few
 * combinations, so decoding does not allocate one object per row.
 */
const constraintsCache = new Map<string, Constraints>();

function decodeConstraints(
  network: NetworkType,
  charging: boolean,
  batteryNotLow: boolean,
  deviceIdle: boolean,
  storageNotLow: boolean,
): Constraints {
  if (network === 'NOT_REQUIRED' && !charging && !batteryNotLow && !deviceIdle && !storageNotLow) {
    return NO_CONSTRAINTS;
  }
  const key = `${network}:${bool(charging)}${bool(batteryNotLow)}${bool(deviceIdle)}${bool(storageNotLow)}`;
  let constraints = constraintsCache.get(key);
  if (constraints === undefined) {
    constraints = Object.freeze({
      requiredNetworkType: network,
      requiresCharging: charging,
      requiresBatteryNotLow: batteryNotLow,
      requiresDeviceIdle: deviceIdle,
      requiresStorageNotLow: storageNotLow,
    });
    constraintsCache.set(key, constraints);
  }
  return constraints;
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
    constraints: decodeConstraints(
      row[10] as NetworkType,
      row[11] !== 0,
      row[12] !== 0,
      row[13] !== 0,
      row[14] !== 0,
    ),
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
