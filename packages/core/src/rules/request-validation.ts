import type { BackoffPolicy } from '../model/backoff-policy.js';
import { type Constraints, type NetworkType, NO_CONSTRAINTS } from '../model/constraints.js';
import { Data } from '../model/data.js';
import { type DurationInput, toMillis } from '../model/duration.js';
import type { InputMerger } from '../model/input-merger.js';
import type { OutOfQuotaPolicy } from '../model/out-of-quota-policy.js';
import { WorkError } from '../model/work-error.js';

/**
 * Worker names and tags starting with this are reserved for workers the library creates
 * itself (like {@link COMBINE_WORKER}), so user work can never be confused with them.
 */
export const RESERVED_PREFIX = 'wm.';

/**
 * The built-in worker that joins combined continuations (androidx's
 * `CombineContinuationsWorker`). Its requests are built with `allowReservedWorker`.
 */
export const COMBINE_WORKER = 'wm.combine';

/**
 * The largest duration accepted, in ms (about 142 000 years): far enough for any real delay,
 * near enough that `now + delay` stays an exact integer — androidx's
 * `Long.MAX_VALUE − now > delay` check (spec §4.1), translated to JavaScript numbers.
 */
export const MAX_DURATION_MILLIS = Math.floor(Number.MAX_SAFE_INTEGER / 2);

/** Which builder a request comes from. */
export type RequestKind = 'one-time' | 'periodic';

/**
 * A request's options after validation and before normalisation: every value checked and
 * typed, durations in whole ms, nothing defaulted that normalisation decides (`backoffDelay`,
 * `flex`) and no id generated yet.
 */
export interface ValidatedRequest {
  readonly kind: RequestKind;
  readonly id: string | undefined;
  readonly worker: string;
  /** The caller's tags, without the implicit worker tag. */
  readonly tags: readonly string[];
  readonly input: Data;
  readonly constraints: Constraints;
  readonly initialDelay: number;
  readonly backoffPolicy: BackoffPolicy;
  /** `undefined` when the request names no backoff (the default applies). */
  readonly backoffDelay: number | undefined;
  readonly keepResultsForAtLeast: number;
  readonly expedited: boolean;
  readonly outOfQuotaPolicy: OutOfQuotaPolicy;
  readonly inputMerger: InputMerger;
  /** 0 for one-time work. */
  readonly interval: number;
  /** `undefined` when not given (one-time work, or flex = interval). */
  readonly flex: number | undefined;
  /** Infinity when none. */
  readonly nextScheduleTimeOverride: number;
  /** 1 when the request set or cleared the override, else 0. */
  readonly nextScheduleTimeOverrideGeneration: number;
}

/** What validation needs besides the options. */
export interface ValidationContext {
  /** Input `Data` may not serialize to more than this. */
  readonly maxDataBytes: number;
  /** Lets the library build its own `wm.`-prefixed workers and tags. */
  readonly allowReservedWorker: boolean;
}

const NETWORK_TYPES: readonly NetworkType[] = [
  'NOT_REQUIRED',
  'CONNECTED',
  'UNMETERED',
  'NOT_ROAMING',
  'METERED',
  'TEMPORARILY_UNMETERED',
];
const BACKOFF_POLICIES: readonly BackoffPolicy[] = ['EXPONENTIAL', 'LINEAR'];
const OUT_OF_QUOTA_POLICIES: readonly OutOfQuotaPolicy[] = [
  'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
  'DROP_WORK_REQUEST',
];
const INPUT_MERGERS: readonly InputMerger[] = ['OVERWRITING', 'ARRAY_CREATING'];
const CONSTRAINT_FLAGS = [
  'requiresCharging',
  'requiresBatteryNotLow',
  'requiresDeviceIdle',
  'requiresStorageNotLow',
] as const;

const COMMON_OPTIONS = [
  'id',
  'input',
  'tags',
  'constraints',
  'initialDelay',
  'backoff',
  'keepResultsForAtLeast',
];
const OPTIONS_BY_KIND: Readonly<Record<RequestKind, ReadonlySet<string>>> = {
  'one-time': new Set([...COMMON_OPTIONS, 'expedited', 'inputMerger']),
  periodic: new Set([
    ...COMMON_OPTIONS,
    'repeatInterval',
    'flexInterval',
    'nextScheduleTimeOverride',
  ]),
};

/**
 * Checks a request's options the way androidx's builders do (spec §4.1, §14, §17) and returns
 * them typed, so that nothing invalid is ever stored. Untyped input is expected: JavaScript
 * callers, CLIs and bridges reach this too.
 *
 * @throws WorkError `INVALID_REQUEST` for a missing or reserved worker name, an empty or
 *   reserved tag, an empty id, an unknown option or enum value, a negative, non-finite or
 *   too-large duration, expedited work that is delayed, periodic or needs charging, battery-not-low
 *   or device-idle, device-idle together with an explicit backoff, or a non-finite
 *   next-schedule-time override; `INVALID_DATA` / `DATA_TOO_LARGE` for the input.
 */
export function validateRequest(
  kind: RequestKind,
  worker: unknown,
  options: unknown,
  context: ValidationContext,
): ValidatedRequest {
  const workerName = validateWorkerName(worker, context.allowReservedWorker);
  const opts = readOptions(kind, workerName, options);

  const id = opts.id === undefined ? undefined : validateId(opts.id);
  const tags = opts.tags === undefined ? [] : validateTags(opts.tags, context.allowReservedWorker);
  const input =
    opts.input === undefined ? Data.EMPTY : Data.from(opts.input as Data, context.maxDataBytes);
  const constraints =
    opts.constraints === undefined ? NO_CONSTRAINTS : validateConstraints(opts.constraints);
  const initialDelay = duration(opts.initialDelay, 'initialDelay');
  const keepResultsForAtLeast = duration(opts.keepResultsForAtLeast, 'keepResultsForAtLeast');

  let backoffPolicy: BackoffPolicy = 'EXPONENTIAL';
  let backoffDelay: number | undefined;
  if (opts.backoff !== undefined) {
    const backoff = opts.backoff;
    if (typeof backoff !== 'object' || backoff === null) {
      throw invalid(
        `backoff must be an object like { policy: 'EXPONENTIAL', delay: { seconds: 30 } }.`,
      );
    }
    const { policy, delay } = backoff as { policy?: unknown; delay?: unknown };
    backoffPolicy = oneOf(policy, BACKOFF_POLICIES, 'backoff.policy');
    if (delay === undefined) throw invalid('backoff.delay is missing; give the base retry delay.');
    backoffDelay = duration(delay, 'backoff.delay');
  }

  let expedited = false;
  let outOfQuotaPolicy: OutOfQuotaPolicy = 'RUN_AS_NON_EXPEDITED_WORK_REQUEST';
  if (opts.expedited !== undefined) {
    if (kind === 'periodic') {
      throw invalid('Periodic work cannot be expedited; remove `expedited` or use one-time work.');
    }
    expedited = true;
    outOfQuotaPolicy = oneOf(opts.expedited, OUT_OF_QUOTA_POLICIES, 'expedited');
  }
  const inputMerger =
    opts.inputMerger === undefined
      ? 'OVERWRITING'
      : oneOf(opts.inputMerger, INPUT_MERGERS, 'inputMerger');

  let interval = 0;
  let flex: number | undefined;
  let nextScheduleTimeOverride = Number.POSITIVE_INFINITY;
  let nextScheduleTimeOverrideGeneration = 0;
  if (kind === 'periodic') {
    if (opts.repeatInterval === undefined) {
      throw invalid('Periodic work needs a repeatInterval, e.g. { hours: 1 }.');
    }
    interval = duration(opts.repeatInterval, 'repeatInterval');
    flex =
      opts.flexInterval === undefined ? undefined : duration(opts.flexInterval, 'flexInterval');
    if (opts.nextScheduleTimeOverride !== undefined) {
      nextScheduleTimeOverrideGeneration = 1;
      if (opts.nextScheduleTimeOverride !== null) {
        nextScheduleTimeOverride = validateOverride(opts.nextScheduleTimeOverride);
      }
    }
  }

  if (expedited) {
    if (initialDelay > 0) {
      throw invalid('Expedited work cannot be delayed; remove initialDelay or `expedited`.');
    }
    const refused = (
      ['requiresCharging', 'requiresBatteryNotLow', 'requiresDeviceIdle'] as const
    ).filter((flag) => constraints[flag]);
    if (refused.length > 0) {
      throw invalid(
        `Expedited work only supports network and storage constraints, not ${refused.join(', ')}; ` +
          'drop those constraints or `expedited`.',
      );
    }
  }
  if (constraints.requiresDeviceIdle && backoffDelay !== undefined) {
    throw invalid(
      'Work that requires device idle cannot set a backoff (it is not retried with backoff); ' +
        'remove `backoff` or the requiresDeviceIdle constraint.',
    );
  }

  return Object.freeze({
    kind,
    id,
    worker: workerName,
    tags,
    input,
    constraints,
    initialDelay,
    backoffPolicy,
    backoffDelay,
    keepResultsForAtLeast,
    expedited,
    outOfQuotaPolicy,
    inputMerger,
    interval,
    flex,
    nextScheduleTimeOverride,
    nextScheduleTimeOverrideGeneration,
  });
}

function validateWorkerName(worker: unknown, allowReserved: boolean): string {
  if (typeof worker !== 'string' || worker.length === 0) {
    throw invalid('The worker name must be a non-empty string naming a registered worker.');
  }
  if (!allowReserved && worker.startsWith(RESERVED_PREFIX)) {
    throw invalid(
      `Worker name ${JSON.stringify(worker)} uses the reserved prefix "${RESERVED_PREFIX}"; rename the worker.`,
    );
  }
  return worker;
}

function readOptions(kind: RequestKind, worker: string, options: unknown): Record<string, unknown> {
  if (options === undefined && kind === 'one-time') return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalid(
      kind === 'periodic'
        ? `Periodic work ${JSON.stringify(worker)} needs options with a repeatInterval.`
        : `The options of work ${JSON.stringify(worker)} must be an object.`,
    );
  }
  const allowed = OPTIONS_BY_KIND[kind];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || allowed.has(key)) continue;
    if (key === 'expedited') {
      throw invalid('Periodic work cannot be expedited; remove `expedited` or use one-time work.');
    }
    throw invalid(
      `Unknown ${kind} request option ${JSON.stringify(key)}; the options are ${[...allowed].join(', ')}.`,
    );
  }
  return options as Record<string, unknown>;
}

function validateId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) {
    throw invalid('id must be a non-empty string (a UUID is best); leave it out for a random one.');
  }
  return id;
}

function validateTags(tags: unknown, allowReserved: boolean): readonly string[] {
  if (
    typeof tags !== 'object' ||
    tags === null ||
    typeof (tags as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    throw invalid('tags must be an iterable of strings, e.g. ["sync"] (not a single string).');
  }
  const result: string[] = [];
  for (const tag of tags as Iterable<unknown>) {
    if (typeof tag !== 'string' || tag.length === 0) {
      throw invalid('Every tag must be a non-empty string.');
    }
    if (!allowReserved && tag.startsWith(RESERVED_PREFIX)) {
      throw invalid(
        `Tag ${JSON.stringify(tag)} uses the reserved prefix "${RESERVED_PREFIX}"; choose another tag.`,
      );
    }
    result.push(tag);
  }
  return Object.freeze(result);
}

function validateConstraints(init: unknown): Constraints {
  if (typeof init !== 'object' || init === null || Array.isArray(init)) {
    throw invalid('constraints must be an object like { requiredNetworkType: "CONNECTED" }.');
  }
  const fields = init as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === 'requiredNetworkType') continue;
    if (!(CONSTRAINT_FLAGS as readonly string[]).includes(key)) {
      throw invalid(
        `Unknown constraint ${JSON.stringify(key)}; the constraints are requiredNetworkType, ${CONSTRAINT_FLAGS.join(', ')}.`,
      );
    }
    if (typeof value !== 'boolean') throw invalid(`constraints.${key} must be true or false.`);
  }
  return Object.freeze({
    requiredNetworkType:
      fields.requiredNetworkType === undefined
        ? NO_CONSTRAINTS.requiredNetworkType
        : oneOf(fields.requiredNetworkType, NETWORK_TYPES, 'constraints.requiredNetworkType'),
    requiresCharging: fields.requiresCharging === true,
    requiresBatteryNotLow: fields.requiresBatteryNotLow === true,
    requiresDeviceIdle: fields.requiresDeviceIdle === true,
    requiresStorageNotLow: fields.requiresStorageNotLow === true,
  });
}

function validateOverride(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(
      'nextScheduleTimeOverride must be a finite epoch-millisecond time; pass null to clear it.',
    );
  }
  return value;
}

function duration(value: unknown, what: string): number {
  if (value === undefined) return 0;
  const millis = toMillis(value as DurationInput, what);
  if (millis > MAX_DURATION_MILLIS) {
    throw invalid(`${what} of ${millis} ms is too large; the limit is ${MAX_DURATION_MILLIS} ms.`);
  }
  return millis;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw invalid(
    `${what} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value) ?? String(value)}.`,
  );
}

function invalid(message: string): WorkError {
  return new WorkError('INVALID_REQUEST', message);
}
