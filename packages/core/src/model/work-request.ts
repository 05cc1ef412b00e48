import { consoleLogger, type Logger } from '../ports/logger.js';
import { randomWorkId } from '../ports/random-id.js';
import { normaliseTimings } from '../rules/request-normalisation.js';
import { type RequestKind, validateRequest } from '../rules/request-validation.js';
import type { BackoffPolicy } from './backoff-policy.js';
import type { Constraints, ConstraintsInit } from './constraints.js';
import type { Data, DataInput } from './data.js';
import type { DurationInput } from './duration.js';
import type { InputMerger } from './input-merger.js';
import type { OutOfQuotaPolicy } from './out-of-quota-policy.js';
import { WorkError } from './work-error.js';
import { ANDROIDX_SEMANTICS, type WorkSemantics } from './work-semantics.js';

export type { RequestKind } from '../rules/request-validation.js';

/** Options every request accepts (androidx's `WorkRequest.Builder`). */
export interface WorkRequestOptions {
  /** The work's id; default a random UUID. Set it to update the work later with `updateWork`. */
  id?: string;
  input?: DataInput | Data;
  /** Extra tags; the worker name is always added. */
  tags?: Iterable<string>;
  constraints?: ConstraintsInit;
  initialDelay?: DurationInput;
  /** Retry policy; default EXPONENTIAL from 30 s. The delay is clamped to [10 s, 5 h]. */
  backoff?: { policy: BackoffPolicy; delay: DurationInput };
  /** How long finished work stays queryable before automatic pruning may remove it. */
  keepResultsForAtLeast?: DurationInput;
}

/** Options of one-time work (androidx's `OneTimeWorkRequest.Builder`). */
export interface OneTimeWorkRequestOptions extends WorkRequestOptions {
  /** Marks the work expedited; the value says what happens when the OS refuses quota. */
  expedited?: OutOfQuotaPolicy;
  /** How prerequisites' outputs merge into this work's input; default OVERWRITING. */
  inputMerger?: InputMerger;
}

/** Options of periodic work (androidx's `PeriodicWorkRequest.Builder`). */
export interface PeriodicWorkRequestOptions extends WorkRequestOptions {
  /** Raised to 15 min. */
  repeatInterval: DurationInput;
  /** The window at the end of each interval in which the work may run; default the interval. */
  flexInterval?: DurationInput;
  /** Epoch ms of the next run, overriding interval and backoff; `null` clears an override on update (BLD-13). */
  nextScheduleTimeOverride?: number | null;
}

/** Where a request is built: the limits to apply and where to report adjustments. */
export interface RequestBuildContext {
  /** Default androidx's limits. */
  semantics?: WorkSemantics;
  /** Receives a warning for every value normalisation changes; default {@link consoleLogger}. */
  logger?: Logger;
  /**
   * Internal: lets the library build its own `wm.`-prefixed workers and tags (such as the
   * combine worker). Never set it for user work.
   */
  allowReservedWorker?: boolean;
}

/**
 * One unit of work to enqueue — androidx's `WorkRequest`, already validated and normalised.
 * Immutable: build a new request to change anything. Durations are ms, instants epoch ms.
 */
export interface WorkRequest {
  readonly kind: RequestKind;
  readonly id: string;
  readonly worker: string;
  /** The caller's tags plus the worker name. */
  readonly tags: ReadonlySet<string>;
  readonly input: Data;
  readonly constraints: Constraints;
  readonly initialDelay: number;
  readonly backoffPolicy: BackoffPolicy;
  readonly backoffDelay: number;
  readonly keepResultsForAtLeast: number;
  readonly expedited: boolean;
  readonly outOfQuotaPolicy: OutOfQuotaPolicy;
  readonly inputMerger: InputMerger;
  /** Repeat interval; 0 for one-time work. */
  readonly interval: number;
  /** Flex interval; 0 for one-time work. */
  readonly flex: number;
  /** Infinity when there is none. */
  readonly nextScheduleTimeOverride: number;
  /** 1 when this request set or cleared the override (so `updateWork` applies it), else 0. */
  readonly nextScheduleTimeOverrideGeneration: number;
  /**
   * The values as given, before normalisation, so that {@link normaliseForSemantics} can
   * re-apply other limits. `undefined` = not given.
   */
  readonly raw: {
    readonly initialDelay: number;
    readonly backoffDelay: number | undefined;
    readonly interval: number;
    readonly flex: number | undefined;
  };
}

/** Builds one-time work — androidx's `OneTimeWorkRequest`. */
export const OneTimeWorkRequest = {
  /**
   * Validates and normalises a one-time request for `worker`.
   *
   * @throws WorkError `INVALID_REQUEST`, `INVALID_DATA` or `DATA_TOO_LARGE` (see
   *   `validateRequest`); nothing is built from invalid options.
   */
  from(
    worker: string,
    options?: OneTimeWorkRequestOptions,
    context?: RequestBuildContext,
  ): WorkRequest {
    return buildRequest('one-time', worker, options, context);
  },
} as const;

/** Builds periodic work — androidx's `PeriodicWorkRequest`. */
export const PeriodicWorkRequest = {
  /**
   * Validates and normalises a periodic request for `worker`: the interval is raised to
   * 15 min and flex clamped to [5 min, interval], with a warning for each change.
   *
   * @throws WorkError `INVALID_REQUEST`, `INVALID_DATA` or `DATA_TOO_LARGE`.
   */
  from(
    worker: string,
    options: PeriodicWorkRequestOptions,
    context?: RequestBuildContext,
  ): WorkRequest {
    return buildRequest('periodic', worker, options, context);
  },
} as const;

/**
 * Re-applies normalisation to a request under other limits — for an engine whose configured
 * semantics differ from those the request was built with. Warns for each value it changes
 * (relative to the values as given) and returns the same object when nothing changes.
 *
 * @throws WorkError `DATA_TOO_LARGE` when the input exceeds `semantics.maxDataBytes`.
 */
export function normaliseForSemantics(
  request: WorkRequest,
  semantics: WorkSemantics,
  logger: Logger,
): WorkRequest {
  const size = request.input.sizeInBytes();
  if (size > semantics.maxDataBytes) {
    throw new WorkError(
      'DATA_TOO_LARGE',
      `The input of work ${request.id} serializes to ${size} bytes, over this WorkManager's limit of ${semantics.maxDataBytes}; pass large payloads by reference.`,
    );
  }
  const timings = {
    periodic: request.kind === 'periodic',
    backoffDelay: request.raw.backoffDelay,
    interval: request.raw.interval,
    flex: request.raw.flex,
  };
  const quiet = normaliseTimings(timings, semantics, IGNORE_WARNINGS);
  if (
    quiet.backoffDelay === request.backoffDelay &&
    quiet.interval === request.interval &&
    quiet.flex === request.flex
  ) {
    return request;
  }
  const normalised = normaliseTimings(timings, semantics, logger);
  return Object.freeze({
    ...request,
    backoffDelay: normalised.backoffDelay,
    interval: normalised.interval,
    flex: normalised.flex,
  });
}

const IGNORE_WARNINGS: Logger = { debug: () => {}, warn: () => {}, error: () => {} };

function buildRequest(
  kind: RequestKind,
  worker: string,
  options: unknown,
  context: RequestBuildContext | undefined,
): WorkRequest {
  const semantics = context?.semantics ?? ANDROIDX_SEMANTICS;
  const logger = context?.logger ?? consoleLogger;
  const valid = validateRequest(kind, worker, options, {
    maxDataBytes: semantics.maxDataBytes,
    allowReservedWorker: context?.allowReservedWorker === true,
  });
  const timings = normaliseTimings(
    {
      periodic: kind === 'periodic',
      backoffDelay: valid.backoffDelay,
      interval: valid.interval,
      flex: valid.flex,
    },
    semantics,
    logger,
  );
  return Object.freeze({
    kind,
    id: valid.id ?? randomWorkId(),
    worker: valid.worker,
    tags: readOnlySet([valid.worker, ...valid.tags]),
    input: valid.input,
    constraints: valid.constraints,
    initialDelay: valid.initialDelay,
    backoffPolicy: valid.backoffPolicy,
    backoffDelay: timings.backoffDelay,
    keepResultsForAtLeast: valid.keepResultsForAtLeast,
    expedited: valid.expedited,
    outOfQuotaPolicy: valid.outOfQuotaPolicy,
    inputMerger: valid.inputMerger,
    interval: timings.interval,
    flex: timings.flex,
    nextScheduleTimeOverride: valid.nextScheduleTimeOverride,
    nextScheduleTimeOverrideGeneration: valid.nextScheduleTimeOverrideGeneration,
    raw: Object.freeze({
      initialDelay: valid.initialDelay,
      backoffDelay: valid.backoffDelay,
      interval: valid.interval,
      flex: valid.flex,
    }),
  });
}

/** A Set whose mutators throw, so a frozen request's tags really cannot change. */
function readOnlySet<T>(values: Iterable<T>): ReadonlySet<T> {
  const set = new Set(values);
  const refuse = (): never => {
    throw new WorkError(
      'UNSUPPORTED_OPERATION',
      "A request's tags are read-only; build a new request with the tags you want.",
    );
  };
  Object.defineProperties(set, {
    add: { value: refuse },
    delete: { value: refuse },
    clear: { value: refuse },
  });
  return Object.freeze(set);
}
