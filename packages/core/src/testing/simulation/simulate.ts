import { WorkContinuation } from '../../engine/work-continuation.js';
import type { WorkManager } from '../../engine/work-manager.js';
import type { WorkManagerConfig } from '../../engine/work-manager-config.js';
import type { Worker, WorkerContext, Workers } from '../../engine/worker.js';
import { isWorkError, WorkError } from '../../model/work-error.js';
import { type WorkInfo, workInfoFromSpec } from '../../model/work-info.js';
import {
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  type WorkRequest,
} from '../../model/work-request.js';
import type { Clock } from '../../ports/clock.js';
import { ALL_CONDITIONS_MET, type DeviceConditions } from '../../ports/device-conditions.js';
import { silentLogger } from '../../ports/logger.js';
import type { WorkStore } from '../../ports/work-store.js';
import type { WorkTransactionRunner } from '../../ports/work-transaction.js';
import { memoryTransactionRunner } from '../../store/memory-store.js';
import { workStoreFromTransactions } from '../../store/work-store-from-transactions.js';
import { createTestWorkManager, type TestWorkManager } from '../create-test-work-manager.js';
import { TestConstraintTracker } from '../test-constraint-tracker.js';
import { CombineNames, RecordingTransactionRunner } from './recording-transaction-runner.js';
import {
  type RequestSpec,
  requestsOf,
  type Scenario,
  type SimEvent,
  type WorkerStep,
} from './scenario.js';
import { WorkerScripts } from './scripted-worker.js';
import { applySimConditions } from './sim-conditions.js';
import { Trace } from './trace.js';
import type { ConditionsEntry, Downtime, TraceEntry } from './trace-entry.js';

/** What app code run by a simulation (`onStart`, `actions`) gets. */
export interface SimulationApp {
  readonly wm: WorkManager;
  /** Virtual epoch ms now. */
  readonly now: number;
  /** 0 for the first process lifetime, +1 after each crash. */
  readonly incarnation: number;
}

/** App code a simulation calls: at every process start, or on an `action` event. */
export type SimulationHook = (app: SimulationApp) => void | Promise<void>;

/**
 * What real workers under simulation may use: the virtual time, the WorkManager of the current
 * process lifetime, and the scenario's scripted step for this invocation (to drive a fake
 * server, say).
 */
export interface SimulationWorkerKit {
  /** Virtual epoch ms now. */
  now(): number;
  /** The WorkManager of the live process (a new one after each restart). */
  readonly wm: WorkManager;
  /** The scripted step of this invocation: the request's script, else the worker's in `scenario.scripts`. */
  step(ctx: WorkerContext): WorkerStep;
}

/** How `simulate` runs a scenario. Everything is optional. */
export interface SimulateOptions {
  /**
   * Real workers by name, or a function making them from the {@link SimulationWorkerKit}; any
   * other worker name plays its script.
   */
  readonly workers?: Workers | ((kit: SimulationWorkerKit) => Workers);
  /** App start code, run after the engine opens — at the start and after every restart. */
  readonly onStart?: SimulationHook;
  /** App code run by `{ kind: 'action', name }` events. */
  readonly actions?: Readonly<Record<string, SimulationHook>>;
  /**
   * Opens the store to simulate on, as a row-level runner (so that every write is recorded);
   * closed at the end. Default a fresh `memoryTransactionRunner()`. For SQLite:
   * `() => sqliteTransactionRunner({ filename })` from `@workmanager-ts/backend-node`.
   */
  readonly store?: () => WorkTransactionRunner | Promise<WorkTransactionRunner>;
  /** Engine configuration (`owner` and `recoverOnOpen` are set by the simulation). */
  readonly config?: Omit<WorkManagerConfig, 'owner' | 'recoverOnOpen'>;
  /**
   * After the events: meet every condition and let this much virtual time pass, so that
   * "eventually" properties can look at the end state. Default 0 (no drain).
   */
  readonly drainMillis?: number;
}

/** An app call the engine refused (a WorkError), which generated scenarios do make. */
export interface Rejection {
  readonly index: number;
  readonly event: SimEvent;
  readonly code: string;
  readonly message: string;
}

/** What `simulate` returns. */
export interface SimulationResult {
  readonly trace: Trace;
  /** Every work at the end, as the WorkManager reports it (combine works renamed `combine#n`). */
  readonly finalInfos: readonly WorkInfo[];
  /** Calls the engine rejected, by event index. */
  readonly rejections: readonly Rejection[];
  /** How many times each work's worker was called, across restarts. */
  readonly invocations: ReadonlyMap<string, number>;
}

/**
 * Runs a scenario on a fresh engine (the test kit in time mode) and records what happened.
 * Deterministic: the same scenario gives the same trace. A `crash` event abandons the engine
 * mid-flight — no run concludes, later writes are dropped — and opens a new one on the same
 * store after the downtime, which recovers RUNNING work as spec §13 says.
 */
export async function simulate(
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<SimulationResult> {
  return new Simulation(scenario, options).run();
}

class Simulation {
  private readonly entries: TraceEntry[] = [];
  private readonly conditionsLog: ConditionsEntry[] = [];
  private readonly downtimes: Downtime[] = [];
  private readonly rejections: Rejection[] = [];
  private readonly scripts: WorkerScripts;
  private readonly realWorkers: Workers;
  private readonly names = new CombineNames();
  private readonly invoked = new Map<string, number>();
  private conditions: DeviceConditions;
  private incarnation = 0;
  private openedAt: number;
  private nextId = 0;
  private readonly ids = new Map<RequestSpec, string>();
  private kit: TestWorkManager | null = null;
  private tracker: TestConstraintTracker | null = null;
  private recorder: RecordingTransactionRunner | null = null;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: SimulateOptions,
  ) {
    this.openedAt = scenario.start ?? 0;
    this.scripts = new WorkerScripts(scenario.scripts);
    const sim = this;
    const workers = options.workers ?? {};
    this.realWorkers =
      typeof workers === 'function'
        ? workers({
            now: () => sim.kit?.clock.now() ?? sim.openedAt,
            get wm() {
              return sim.kit!.wm;
            },
            step: (ctx) => sim.scripts.next(ctx.id, ctx.workerName),
          })
        : workers;
    this.conditions = applySimConditions(ALL_CONDITIONS_MET, scenario.conditions ?? {});
  }

  async run(): Promise<SimulationResult> {
    const base = await (this.options.store?.() ?? memoryTransactionRunner());
    try {
      this.logConditions(this.openedAt);
      await this.open(base);
      for (const [index, event] of this.scenario.events.entries()) {
        await this.apply(index, event, base);
        await this.kit!.settle();
        this.assertNoLivelock(index);
      }
      const drain = this.options.drainMillis ?? 0;
      if (drain > 0) {
        this.setConditions(ALL_CONDITIONS_MET);
        await this.kit!.clock.advance(drain);
        this.assertNoLivelock(this.scenario.events.length);
      }
      const kit = this.kit!;
      const endTime = kit.clock.now();
      const specs = await kit.engine.store.findWorks({});
      const finalInfos = specs.map((s) => ({ ...workInfoFromSpec(s), id: this.names.of(s) }));
      // Closing stops live runs; those writes are the test's teardown, not the scenario's.
      this.recorder!.freezeTrace();
      await kit.close();
      return {
        trace: new Trace(
          this.entries,
          this.conditionsLog,
          this.downtimes,
          this.scenario.start ?? 0,
          endTime,
        ),
        finalInfos,
        rejections: this.rejections,
        invocations: this.invoked,
      };
    } finally {
      await base.close();
    }
  }

  /** Starts a process lifetime: a recorder over the store, a kit, then the app's start code. */
  private async open(base: WorkTransactionRunner): Promise<void> {
    const incarnation = this.incarnation;
    const recorder = new RecordingTransactionRunner(
      base,
      {
        stamp: () => ({ time: this.kit?.clock.now() ?? this.openedAt, incarnation }),
        commit: (changes) => {
          for (const c of changes) this.entries.push({ seq: this.entries.length, ...c });
        },
      },
      this.names,
    );
    this.recorder = recorder;
    this.tracker = new TestConstraintTracker(this.conditions);
    let clockReady!: (clock: Clock) => void;
    const clock = new Promise<Clock>((resolve) => (clockReady = resolve));
    this.kit = null;
    const kit = await createTestWorkManager({
      mode: 'time',
      now: this.openedAt,
      workers: this.workers(clock),
      store: watchedStore(recorder),
      constraints: this.tracker,
      config: {
        ...this.options.config,
        owner: `sim-${incarnation}`,
        recoverOnOpen: 'all',
      },
    });
    this.kit = kit;
    clockReady(kit.clock);
    await kit.settle();
    await this.options.onStart?.(this.app());
    await kit.settle();
  }

  /**
   * Workers by name: the given real ones, else the scripted one, on this lifetime's clock.
   * Every run first waits for its kit to exist (a run recovered while the engine opens).
   */
  private workers(ready: Promise<Clock>): Workers {
    const scripted = this.scripts.worker(ready);
    return new Proxy(
      {},
      {
        get: (_, name): Worker | undefined => {
          if (typeof name !== 'string') return undefined;
          const real = Object.hasOwn(this.realWorkers, name) ? this.realWorkers[name] : undefined;
          return (ctx) => {
            this.invoked.set(ctx.id, (this.invoked.get(ctx.id) ?? 0) + 1);
            return real ? ready.then(() => real(ctx)) : scripted(ctx);
          };
        },
      },
    );
  }

  private app(): SimulationApp {
    return { wm: this.kit!.wm, now: this.kit!.clock.now(), incarnation: this.incarnation };
  }

  private async apply(index: number, event: SimEvent, base: WorkTransactionRunner): Promise<void> {
    const kit = this.kit!;
    const wm = kit.wm;
    for (const r of requestsOf(event)) this.ids.set(r, r.id ?? `w${this.nextId++}`);
    try {
      switch (event.kind) {
        case 'enqueue':
          await wm.enqueue(event.requests.map((r) => this.request(r)));
          return;
        case 'chain':
        case 'unique': {
          const [first, ...rest] = event.levels.map((level) => level.map((r) => this.request(r)));
          if (!first)
            throw new WorkError('INVALID_REQUEST', `A ${event.kind} event needs a level.`);
          let continuation =
            event.kind === 'unique'
              ? wm.beginUniqueWork(event.name, event.policy, first)
              : wm.beginWith(first);
          for (const level of rest) continuation = continuation.then(level);
          await continuation.enqueue();
          return;
        }
        case 'graph': {
          const built: WorkContinuation[] = [];
          const parents = new Set<number>();
          for (const [i, node] of event.nodes.entries()) {
            const request = this.request(node.request);
            const after = [...new Set(node.after)].filter((p) => p < i).map((p) => built[p]!);
            for (const p of node.after) if (p < i) parents.add(p);
            built.push(
              after.length === 0
                ? wm.beginWith(request)
                : after.length === 1
                  ? after[0]!.then(request)
                  : WorkContinuation.combine(after).then(request),
            );
          }
          for (const [i, continuation] of built.entries()) {
            if (!parents.has(i)) await continuation.enqueue();
          }
          return;
        }
        case 'uniquePeriodic':
          await wm.enqueueUniquePeriodicWork(event.name, event.policy, this.request(event.request));
          return;
        case 'update':
          await wm.updateWork(this.request({ ...event.request, id: event.id }));
          return;
        case 'cancel': {
          const target = event.target;
          if ('id' in target) await wm.cancelWorkById(target.id);
          else if ('tag' in target) await wm.cancelAllWorkByTag(target.tag);
          else if ('uniqueName' in target) await wm.cancelUniqueWork(target.uniqueName);
          else await wm.cancelAllWork();
          return;
        }
        case 'prune':
          await wm.pruneWork();
          return;
        case 'advance':
          await kit.clock.advance(event.millis);
          return;
        case 'conditions':
          this.setConditions(applySimConditions(this.conditions, event.set));
          return;
        case 'crash':
          await this.crash(event.downtimeMillis, base);
          return;
        case 'action': {
          const action = this.options.actions?.[event.name];
          if (!action) {
            throw new WorkError(
              'INVALID_REQUEST',
              `The scenario calls action "${event.name}": pass it in simulate's actions.`,
            );
          }
          await action(this.app());
          return;
        }
      }
    } catch (error) {
      if (!isWorkError(error) || (event.kind === 'action' && !this.options.actions?.[event.name]))
        throw error;
      this.rejections.push({ index, event, code: error.code, message: error.message });
    }
  }

  private assertNoLivelock(index: number): void {
    const livelock = this.recorder?.livelock;
    if (livelock) {
      throw new WorkError('ILLEGAL_STATE', `${livelock} (during event ${index + 1})`);
    }
  }

  /** The process dies now: its engine is abandoned with its store frozen; it restarts later. */
  private async crash(downtimeMillis: number, base: WorkTransactionRunner): Promise<void> {
    if (!(downtimeMillis >= 0 && Number.isFinite(downtimeMillis))) {
      throw new WorkError('INVALID_REQUEST', 'A crash needs a finite downtimeMillis >= 0.');
    }
    this.recorder!.freeze();
    const at = this.kit!.clock.now();
    this.downtimes.push({ from: at, to: at + downtimeMillis });
    this.incarnation++;
    this.openedAt = at + downtimeMillis;
    await this.open(base);
  }

  private setConditions(conditions: DeviceConditions): void {
    this.conditions = conditions;
    this.logConditions(this.kit?.clock.now() ?? this.openedAt);
    this.tracker?.set(conditions);
  }

  private logConditions(time: number): void {
    const last = this.conditionsLog[this.conditionsLog.length - 1];
    const entry = { time, ...this.conditions };
    if (last?.time === time) this.conditionsLog[this.conditionsLog.length - 1] = entry;
    else this.conditionsLog.push(entry);
  }

  /** Builds a request from its spec; unnamed requests are `w0`, `w1`, ... in event order. */
  private request(spec: RequestSpec): WorkRequest {
    const id = this.ids.get(spec) ?? spec.id ?? `w${this.nextId++}`;
    const worker = spec.worker ?? 'sim';
    const options = {
      id,
      tags: spec.tags ?? [],
      ...(spec.input ? { input: spec.input } : {}),
      ...(spec.constraints ? { constraints: spec.constraints } : {}),
      ...(spec.initialDelayMillis ? { initialDelay: spec.initialDelayMillis } : {}),
      ...(spec.backoff
        ? { backoff: { policy: spec.backoff.policy, delay: spec.backoff.delayMillis } }
        : {}),
    };
    const context = { logger: silentLogger };
    const request =
      spec.kind === 'periodic'
        ? PeriodicWorkRequest.from(
            worker,
            {
              ...options,
              repeatInterval: spec.intervalMillis ?? 15 * 60_000,
              ...(spec.flexMillis !== undefined ? { flexInterval: spec.flexMillis } : {}),
            },
            context,
          )
        : OneTimeWorkRequest.from(worker, options, context);
    this.scripts.set(id, spec.script);
    return request;
  }
}

/** The store over the recorder, telling it of every scheduling pass (to catch a livelock). */
function watchedStore(recorder: RecordingTransactionRunner): WorkStore {
  const store = workStoreFromTransactions(recorder, { logger: silentLogger });
  return {
    ...store,
    nextDueTime: (conditions) => {
      recorder.noteDueTimeQuery();
      return store.nextDueTime(conditions);
    },
  };
}
