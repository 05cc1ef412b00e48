import fc from 'fast-check';
import type { BackoffPolicy } from '../../model/backoff-policy.js';
import type { ConstraintsInit, NetworkType } from '../../model/constraints.js';
import type { DataInput } from '../../model/data.js';
import type {
  ExistingPeriodicWorkPolicy,
  ExistingWorkPolicy,
} from '../../model/existing-work-policy.js';
import type {
  CancelTarget,
  GraphNode,
  RequestSpec,
  Scenario,
  SimConditions,
  SimEvent,
  WorkerStep,
} from './scenario.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The vocabulary generated scenarios draw from. Small pools on purpose: collisions (two
 * requests on one unique name, a cancel that hits a tag in use) are where rules break.
 */
export interface SimArbitraryOptions {
  /** Worker names requests use; default `['sim']`. */
  readonly workers?: readonly string[];
  /** Tags requests carry (zero or one each); default `['a', 'b']`. */
  readonly tags?: readonly string[];
  /** Unique work names; default `['u1', 'u2']`. */
  readonly uniqueNames?: readonly string[];
  /** Names of `simulate` actions to call now and then; default none. */
  readonly actions?: readonly string[];
  /** Whether to generate process crashes; default true. */
  readonly crashes?: boolean;
  /** Whether to generate cancellations; default true. */
  readonly cancels?: boolean;
  /** Whether a worker step may run until stopped (`durationMillis: Infinity`); default false. */
  readonly hangs?: boolean;
  /** Whether requests may carry constraints; default true. */
  readonly constraints?: boolean;
  /** Most events in a scenario; default 12. */
  readonly maxEvents?: number;
}

/**
 * One invocation's behaviour: mostly a quick success, sometimes failure, retry or a throw;
 * now and then it takes a while, reports progress or returns output.
 */
export function workerStepArbitrary(options: SimArbitraryOptions = {}): fc.Arbitrary<WorkerStep> {
  const durations = [SECOND, 30 * SECOND, 5 * MINUTE, HOUR];
  if (options.hangs) durations.push(Infinity);
  return fc
    .tuple(
      fc.oneof(
        { weight: 6, arbitrary: fc.constant('success' as const) },
        { weight: 1, arbitrary: fc.constant('failure' as const) },
        { weight: 2, arbitrary: fc.constant('retry' as const) },
        { weight: 1, arbitrary: fc.constant('throw' as const) },
      ),
      rarely(fc.constantFrom(...durations)),
      rarely(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 2 })),
      rarely(dataInputArbitrary()),
    )
    .map(([result, durationMillis, progress, output]) => ({
      result,
      ...(durationMillis !== undefined ? { durationMillis } : {}),
      ...(progress !== undefined ? { progress } : {}),
      ...(output !== undefined && result !== 'retry' && result !== 'throw' ? { output } : {}),
    }));
}

/** Undefined three times in four; shrinks to undefined. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary },
  );
}

/** What a work does on its 1st, 2nd, ... invocation (empty: succeed at once). */
export function workerScriptArbitrary(
  options: SimArbitraryOptions = {},
): fc.Arbitrary<readonly WorkerStep[]> {
  return fc.array(workerStepArbitrary(options), { maxLength: 3 });
}

/** Small input or output data, well within the 10 KB limit. */
export function dataInputArbitrary(): fc.Arbitrary<DataInput> {
  return fc.dictionary(
    fc.constantFrom('id', 'url', 'count', 'ok'),
    fc.oneof(fc.integer({ min: -1_000, max: 1_000 }), fc.string({ maxLength: 12 }), fc.boolean()),
    { maxKeys: 3 },
  );
}

/** The constraints a request asks for: one or two of network, charging, battery, idle, storage. */
export function constraintsArbitrary(): fc.Arbitrary<ConstraintsInit> {
  const one: fc.Arbitrary<ConstraintsInit> = fc.oneof(
    fc.constantFrom<NetworkType>('CONNECTED', 'UNMETERED').map((n) => ({ requiredNetworkType: n })),
    fc.constant({ requiresCharging: true }),
    fc.constant({ requiresBatteryNotLow: true }),
    fc.constant({ requiresDeviceIdle: true }),
    fc.constant({ requiresStorageNotLow: true }),
  );
  return fc
    .array(one, { minLength: 1, maxLength: 2 })
    .map((list) => Object.assign({}, ...list) as ConstraintsInit);
}

/** The fields every request kind shares; constraints, delays, backoff and input are occasional. */
function commonRequest(options: SimArbitraryOptions) {
  const workers = options.workers ?? ['sim'];
  const tags = options.tags ?? ['a', 'b'];
  return fc
    .tuple(
      fc.constantFrom(...workers),
      fc.subarray([...tags], { maxLength: 1 }),
      rarely(dataInputArbitrary()),
      options.constraints === false ? fc.constant(undefined) : rarely(constraintsArbitrary()),
      rarely(fc.constantFrom(10 * SECOND, 5 * MINUTE, HOUR, 6 * HOUR)),
      rarely(
        fc.record({
          policy: fc.constantFrom<BackoffPolicy>('LINEAR', 'EXPONENTIAL'),
          delayMillis: fc.constantFrom(10 * SECOND, 30 * SECOND, 5 * MINUTE),
        }),
      ),
      workerScriptArbitrary(options),
    )
    .map(([worker, tags, input, constraints, initialDelayMillis, backoff, script]) => ({
      ...(worker !== 'sim' ? { worker } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(input !== undefined ? { input } : {}),
      ...(constraints !== undefined ? { constraints } : {}),
      ...(initialDelayMillis !== undefined ? { initialDelayMillis } : {}),
      // androidx refuses a backoff on work that requires device idle.
      ...(backoff !== undefined && !constraints?.requiresDeviceIdle ? { backoff } : {}),
      ...(script.length > 0 ? { script } : {}),
    }));
}

/** A one-time request (no id: `simulate` names it). */
export function oneTimeRequestArbitrary(
  options: SimArbitraryOptions = {},
): fc.Arbitrary<RequestSpec> {
  return commonRequest(options).map((common): RequestSpec => ({ kind: 'one-time', ...common }));
}

/** A periodic request: interval from 15 min to a day, sometimes with a flex window. */
export function periodicRequestArbitrary(
  options: SimArbitraryOptions = {},
): fc.Arbitrary<RequestSpec> {
  return fc
    .tuple(
      commonRequest(options),
      fc.constantFrom(15 * MINUTE, HOUR, 6 * HOUR, DAY),
      rarely(fc.constantFrom(5 * MINUTE, 10 * MINUTE)),
    )
    .map(
      ([common, intervalMillis, flexMillis]): RequestSpec => ({
        kind: 'periodic',
        intervalMillis,
        ...(flexMillis !== undefined ? { flexMillis } : {}),
        ...common,
      }),
    );
}

/** A one-time or periodic request, one-time more often. */
export function requestArbitrary(options: SimArbitraryOptions = {}): fc.Arbitrary<RequestSpec> {
  return fc.oneof(
    { weight: 3, arbitrary: oneTimeRequestArbitrary(options) },
    { weight: 1, arbitrary: periodicRequestArbitrary(options) },
  );
}

function levels(options: SimArbitraryOptions, minLength: number) {
  return fc.array(fc.array(oneTimeRequestArbitrary(options), { minLength: 1, maxLength: 2 }), {
    minLength,
    maxLength: 3,
  });
}

/** `beginWith(...).then(...)`: two or three levels of one-time work. */
export function chainEventArbitrary(options: SimArbitraryOptions = {}): fc.Arbitrary<SimEvent> {
  return fc.record({ kind: fc.constant('chain' as const), levels: levels(options, 2) });
}

/**
 * A graph without cycles: each node runs after some earlier nodes (none, one, or several
 * joined with `WorkContinuation.combine`).
 */
export function graphEventArbitrary(options: SimArbitraryOptions = {}): fc.Arbitrary<SimEvent> {
  const node = fc.record({
    request: oneTimeRequestArbitrary(options),
    after: fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 2 }),
  });
  return fc.array(node, { minLength: 2, maxLength: 4 }).map(
    (nodes): SimEvent => ({
      kind: 'graph',
      nodes: nodes.map(
        (n, i): GraphNode => ({ request: n.request, after: n.after.filter((p) => p < i) }),
      ),
    }),
  );
}

/** Unique work under every policy: one-time (chains too) and periodic. */
export function uniqueWorkEventArbitrary(
  options: SimArbitraryOptions = {},
): fc.Arbitrary<SimEvent> {
  const name = fc.constantFrom(...(options.uniqueNames ?? ['u1', 'u2']));
  return fc.oneof(
    fc.record({
      kind: fc.constant('unique' as const),
      name,
      policy: fc.constantFrom<ExistingWorkPolicy>('REPLACE', 'KEEP', 'APPEND', 'APPEND_OR_REPLACE'),
      levels: levels(options, 1),
    }),
    fc.record({
      kind: fc.constant('uniquePeriodic' as const),
      name,
      policy: fc.constantFrom<ExistingPeriodicWorkPolicy>(
        'KEEP',
        'REPLACE',
        'UPDATE',
        'CANCEL_AND_REENQUEUE',
      ),
      request: periodicRequestArbitrary(options),
    }),
  );
}

/** A change of one or two device conditions (network, power, idle, storage). */
export function conditionsArbitrary(): fc.Arbitrary<SimConditions> {
  const one: fc.Arbitrary<SimConditions> = fc.oneof(
    fc.constantFrom('none' as const, 'metered' as const, 'unmetered' as const).map((network) => ({
      network,
    })),
    fc.boolean().map((charging) => ({ charging })),
    fc.boolean().map((batteryNotLow) => ({ batteryNotLow })),
    fc.boolean().map((deviceIdle) => ({ deviceIdle })),
    fc.boolean().map((storageNotLow) => ({ storageNotLow })),
  );
  return fc
    .array(one, { minLength: 1, maxLength: 2 })
    .map((list) => Object.assign({}, ...list) as SimConditions);
}

/**
 * What happens around the app: time passing (most often), condition changes, cancellations
 * (by id `w0`..`w9`, tag, unique name, all; unless `cancels: false`) and process crashes
 * (unless `crashes: false`).
 */
export function environmentEventArbitrary(
  options: SimArbitraryOptions = {},
): fc.Arbitrary<SimEvent> {
  const cancelTarget: fc.Arbitrary<CancelTarget> = fc.oneof(
    fc.record({ id: fc.nat({ max: 9 }).map((n) => `w${n}`) }),
    fc.record({ tag: fc.constantFrom(...(options.tags ?? ['a', 'b'])) }),
    fc.record({ uniqueName: fc.constantFrom(...(options.uniqueNames ?? ['u1', 'u2'])) }),
    fc.constant({ all: true as const }),
  );
  const events: fc.WeightedArbitrary<SimEvent>[] = [
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('advance' as const),
        millis: fc.constantFrom(SECOND, 30 * SECOND, MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('conditions' as const),
        set: conditionsArbitrary(),
      }),
    },
  ];
  if (options.cancels !== false) {
    events.push({
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('cancel' as const), target: cancelTarget }),
    });
  }
  if (options.crashes !== false) {
    events.push({
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('crash' as const),
        downtimeMillis: fc.constantFrom(0, SECOND, MINUTE, HOUR),
      }),
    });
  }
  return fc.oneof(...events);
}

/**
 * What the app does: enqueues of every shape, unique work, updates of `w0`..`w9`, prunes, and
 * the given actions.
 */
export function appEventArbitrary(options: SimArbitraryOptions = {}): fc.Arbitrary<SimEvent> {
  const events: fc.WeightedArbitrary<SimEvent>[] = [
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('enqueue' as const),
        requests: fc.array(requestArbitrary(options), { minLength: 1, maxLength: 2 }),
      }),
    },
    { weight: 2, arbitrary: chainEventArbitrary(options) },
    { weight: 1, arbitrary: graphEventArbitrary(options) },
    { weight: 3, arbitrary: uniqueWorkEventArbitrary(options) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('update' as const),
        id: fc.nat({ max: 9 }).map((n) => `w${n}`),
        request: requestArbitrary(options),
      }),
    },
    { weight: 1, arbitrary: fc.constant<SimEvent>({ kind: 'prune' }) },
  ];
  if (options.actions && options.actions.length > 0) {
    events.push({
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('action' as const),
        name: fc.constantFrom(...options.actions),
      }),
    });
  }
  return fc.oneof(...events);
}

/**
 * A whole scenario: app events and environment events interleaved, starting at `start`
 * (default 0) with every condition met or a generated set.
 */
export function scenarioArbitrary(
  options: SimArbitraryOptions & { readonly start?: number } = {},
): fc.Arbitrary<Scenario> {
  const event = fc.oneof(
    { weight: 1, arbitrary: appEventArbitrary(options) },
    { weight: 1, arbitrary: environmentEventArbitrary(options) },
  );
  return fc
    .tuple(
      rarely(conditionsArbitrary()),
      eventsArbitrary(event, { maxLength: options.maxEvents ?? 12 }),
    )
    .map(([conditions, events]) => ({
      start: options.start ?? 0,
      ...(conditions !== undefined ? { conditions } : {}),
      events,
    }));
}

/**
 * A list of events that shrinks well: any event, not only the first ones, can be dropped
 * while shrinking (each may shrink to "no event"), so counterexamples come out minimal.
 */
export function eventsArbitrary(
  event: fc.Arbitrary<SimEvent>,
  options: { readonly minLength?: number; readonly maxLength?: number } = {},
): fc.Arbitrary<SimEvent[]> {
  const minLength = options.minLength ?? 1;
  return fc
    .array(fc.option(event, { nil: null, freq: 20 }), {
      minLength,
      maxLength: options.maxLength ?? 12,
    })
    .map((list) => list.filter((e): e is SimEvent => e !== null))
    .filter((list) => list.length >= minLength);
}

/** A scenario built from given event arbitraries, for properties about one kind of event. */
export function scenarioOf(
  events: fc.Arbitrary<SimEvent>,
  options: { readonly start?: number; readonly maxEvents?: number } = {},
): fc.Arbitrary<Scenario> {
  return eventsArbitrary(events, { maxLength: options.maxEvents ?? 12 }).map((list) => ({
    start: options.start ?? 0,
    events: list,
  }));
}
