import type { BackoffPolicy } from '../../model/backoff-policy.js';
import type { ConstraintsInit } from '../../model/constraints.js';
import type { DataInput } from '../../model/data.js';
import type {
  ExistingPeriodicWorkPolicy,
  ExistingWorkPolicy,
} from '../../model/existing-work-policy.js';

/**
 * What a scripted worker does on one invocation: how it ends, how long it takes in virtual
 * time, and what progress it reports on the way. Plain data, so fast-check can shrink it and
 * a failing scenario prints readably.
 */
export interface WorkerStep {
  readonly result: 'success' | 'failure' | 'retry' | 'throw';
  /** Virtual ms the run takes before returning; `Infinity` runs until stopped. Default 0. */
  readonly durationMillis?: number;
  /** Progress values (`{ progress: n }`) reported evenly over the run, the first at its start. */
  readonly progress?: readonly number[];
  /** Output data of a success or failure. */
  readonly output?: DataInput;
}

/**
 * One request of a scenario, as data. `id` is optional: `simulate` names unnamed requests
 * `w0`, `w1`, ... in the order they are enqueued, so generated scenarios stay readable.
 * `script` is what the worker does on its 1st, 2nd, ... invocation (of this work, across
 * restarts); past the end the last step repeats, and an empty script succeeds at once.
 */
export interface RequestSpec {
  readonly id?: string;
  readonly kind: 'one-time' | 'periodic';
  /** Registered worker name; default `'sim'`. A scripted worker runs it unless `simulate`'s `workers` has one. */
  readonly worker?: string;
  readonly tags?: readonly string[];
  readonly input?: DataInput;
  readonly constraints?: ConstraintsInit;
  readonly initialDelayMillis?: number;
  readonly backoff?: { readonly policy: BackoffPolicy; readonly delayMillis: number };
  /** Periodic only: the repeat interval (raised to 15 min by the builder). */
  readonly intervalMillis?: number;
  /** Periodic only: the flex window. */
  readonly flexMillis?: number;
  readonly script?: readonly WorkerStep[];
}

/** The device conditions a `conditions` event sets; fields left out keep their value. */
export interface SimConditions {
  /** `unmetered`: every network type; `metered`: a metered connection; `none`: offline. */
  readonly network?: 'none' | 'metered' | 'unmetered';
  readonly charging?: boolean;
  readonly batteryNotLow?: boolean;
  readonly deviceIdle?: boolean;
  readonly storageNotLow?: boolean;
}

/** One node of a combined graph: a request and the indexes of earlier nodes it runs after. */
export interface GraphNode {
  readonly request: RequestSpec;
  /** Indexes of earlier nodes (so the graph has no cycle); two or more go through `combine`. */
  readonly after: readonly number[];
}

/** Which works a `cancel` event addresses (spec §9). */
export type CancelTarget =
  | { readonly id: string }
  | { readonly tag: string }
  | { readonly uniqueName: string }
  | { readonly all: true };

/**
 * One thing that happens in a scenario: an app call, time passing, the device changing, or the
 * process dying. Events run in order; after each one the engine settles at the current time.
 */
export type SimEvent =
  /** One `enqueue` call with these requests. */
  | { readonly kind: 'enqueue'; readonly requests: readonly RequestSpec[] }
  /** `beginWith(levels[0]).then(levels[1])...enqueue()`: one-time requests only. */
  | { readonly kind: 'chain'; readonly levels: readonly (readonly RequestSpec[])[] }
  /** A graph built with `then` and `WorkContinuation.combine`, every sink enqueued. */
  | { readonly kind: 'graph'; readonly nodes: readonly GraphNode[] }
  /** `beginUniqueWork(name, policy, levels[0]).then(levels[1])...enqueue()`. */
  | {
      readonly kind: 'unique';
      readonly name: string;
      readonly policy: ExistingWorkPolicy;
      readonly levels: readonly (readonly RequestSpec[])[];
    }
  | {
      readonly kind: 'uniquePeriodic';
      readonly name: string;
      readonly policy: ExistingPeriodicWorkPolicy;
      readonly request: RequestSpec;
    }
  /** `updateWork` of the work `id` with a new request (the script stays the original's). */
  | { readonly kind: 'update'; readonly id: string; readonly request: RequestSpec }
  | { readonly kind: 'cancel'; readonly target: CancelTarget }
  | { readonly kind: 'prune' }
  /** Virtual time passes; due work runs in due order on the way. */
  | { readonly kind: 'advance'; readonly millis: number }
  | { readonly kind: 'conditions'; readonly set: SimConditions }
  /**
   * The process dies without any goodbye (no run concludes, no write lands), stays down for
   * `downtimeMillis`, then restarts on the same store and recovers as spec §13 says.
   */
  | { readonly kind: 'crash'; readonly downtimeMillis: number }
  /** Calls the app code registered under `name` in `simulate`'s `actions`. */
  | { readonly kind: 'action'; readonly name: string };

/** A whole scenario: when it starts, the device at the start, and what happens. */
export interface Scenario {
  /** Virtual epoch ms at the start; default 0. */
  readonly start?: number;
  /** Device conditions at the start; default every condition met. */
  readonly conditions?: SimConditions;
  /**
   * Scripts by worker name, for works whose request has none — work the app's own code
   * enqueues (`onStart`, actions). Also what real workers read through `SimulationWorkerKit.step`.
   */
  readonly scripts?: Readonly<Record<string, readonly WorkerStep[]>>;
  readonly events: readonly SimEvent[];
}

/**
 * The requests an event builds, in the order `simulate` names them (`w0`, `w1`, ...): the
 * printer and the simulation share it, so printed ids are the ids in the trace.
 */
export function requestsOf(event: SimEvent): readonly RequestSpec[] {
  switch (event.kind) {
    case 'enqueue':
      return event.requests;
    case 'chain':
    case 'unique':
      return event.levels.flat();
    case 'graph':
      return event.nodes.map((n) => n.request);
    case 'uniquePeriodic':
      return [event.request];
    default:
      return [];
  }
}
