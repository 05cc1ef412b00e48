import { Data, type DataInput } from '../model/data.js';
import { isWorkerResult } from '../model/result.js';
import { StopReason } from '../model/stop-reason.js';
import { isWorkError, WorkError } from '../model/work-error.js';
import type { WorkSemantics } from '../model/work-semantics.js';
import { isPeriodic, type WorkSpec } from '../model/work-spec.js';
import type { Clock } from '../ports/clock.js';
import type { DeviceConditions } from '../ports/device-conditions.js';
import { pauseRealTime } from '../ports/event-loop.js';
import type { Logger } from '../ports/logger.js';
import type { ClaimDueWorkParams, RunOutcome, WorkStore } from '../ports/work-store.js';
import { unmetConstraintStopReason } from '../rules/constraints-met.js';
import { mergeInputs } from '../rules/input-merger.js';
import { COMBINE_WORKER } from '../rules/request-validation.js';
import type { Worker, WorkerContext, Workers } from './worker.js';

/** The output key under which a failed run explains why (unknown worker, thrown error). */
export const ERROR_OUTPUT_KEY = 'wm.error';

/** One live run of one work in this process. */
export interface RunHandle {
  readonly spec: WorkSpec;
  /** Settles after the outcome was written to the store (or found to be ignored). */
  readonly done: Promise<void>;
}

interface LiveRun extends RunHandle {
  /** Made when the worker first reads `signal` (most never do; creating one is not free). */
  controller: AbortController | null;
  stopReason: number;
}

/** androidx's CombineContinuationsWorker: succeeds with its merged input (spec §6.1). */
const combineWorker: Worker = (ctx) => ({ type: 'success', outputData: ctx.inputData });

/**
 * Runs claimed works: builds the worker's input (merging prerequisites' outputs), calls the
 * worker, turns what it returns or throws into a {@link RunOutcome}, and writes that outcome
 * through the store. A run stopped from outside concludes as interrupted once its worker has
 * returned, so one work never has two live runs.
 */
export class WorkerRunner {
  private readonly live = new Map<string, LiveRun>();

  constructor(
    private readonly deps: {
      workers: Workers;
      store: WorkStore;
      clock: Clock;
      semantics: WorkSemantics;
      logger: Logger;
      owner: string;
      onProgress: () => void;
      /** Registers the outcome write as pending engine work, so `whenIdle` waits for it. */
      track?: <T>(write: Promise<T>) => Promise<T>;
      /** What to claim for the slot a concluding run frees, in the same transaction. */
      claimNext?: () => ClaimDueWorkParams | undefined;
      /** Works claimed that way, to be started. */
      onClaimed?: (claimed: readonly WorkSpec[]) => void;
      /** Called once a run has concluded and left the live set. */
      onRunEnded?: () => void;
    },
  ) {}

  get size(): number {
    return this.live.size;
  }

  runningIds(): string[] {
    return [...this.live.keys()];
  }

  handles(): RunHandle[] {
    return [...this.live.values()];
  }

  start(spec: WorkSpec, conditions: DeviceConditions): RunHandle {
    const run: LiveRun = {
      spec,
      controller: null,
      stopReason: StopReason.NOT_STOPPED,
      done: Promise.resolve(),
    };
    this.live.set(spec.id, run);
    // A claim made just before a constraint was lost: stop it at once.
    const unmet = unmetConstraintStopReason(spec.constraints, conditions);
    if (unmet !== null) this.stop(spec.id, unmet);
    (run as { done: Promise<void> }).done = this.execute(run);
    return run;
  }

  /** Aborts a live run; its worker sees `signal.aborted` and `stopReason`. */
  stop(id: string, reason: number): boolean {
    const run = this.live.get(id);
    if (!run || run.stopReason !== StopReason.NOT_STOPPED) return false;
    run.stopReason = reason;
    run.controller?.abort(stopError(id, reason));
    return true;
  }

  /** Stops every live run and waits until each has concluded. */
  async stopAll(reason: number): Promise<void> {
    const runs = [...this.live.values()];
    for (const run of runs) this.stop(run.spec.id, reason);
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private async execute(run: LiveRun): Promise<void> {
    const outcome = await this.outcomeOf(run);
    // Everything after the worker returned is one tracked unit: the outcome write, leaving the
    // live set, starting what the conclusion claimed, and telling the engine. Settling waits
    // for all of it, so a test never sees the gap between a conclusion and the next pass.
    const concluded = this.conclude(run, outcome);
    await (this.deps.track ? this.deps.track(concluded) : concluded);
  }

  private async conclude(run: LiveRun, outcome: RunOutcome): Promise<void> {
    let claimed: readonly WorkSpec[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        const claimNext = this.deps.claimNext?.();
        ({ claimed } = await this.deps.store.concludeRun({
          id: run.spec.id,
          owner: this.deps.owner,
          now: this.deps.clock.now(),
          outcome,
          semantics: this.deps.semantics,
          ...(claimNext ? { claimNext } : {}),
        }));
        break;
      } catch (error) {
        // Another process holds the file: try again shortly, so the run is not repeated.
        if (isWorkError(error, 'STORE_BUSY') && attempt < CONCLUDE_ATTEMPTS) {
          await pauseRealTime(10 * 4 ** (attempt - 1));
          continue;
        }
        // The run stays RUNNING in the store and is recovered like a crashed one (spec §13).
        this.deps.logger.error(`Could not store the outcome of ${run.spec.id}`, {
          error: String(error),
        });
        break;
      }
    }
    if (this.live.get(run.spec.id) === run) this.live.delete(run.spec.id);
    if (claimed.length > 0) this.deps.onClaimed?.(claimed);
    this.deps.onRunEnded?.();
  }

  private async outcomeOf(run: LiveRun): Promise<RunOutcome> {
    const { spec } = run;
    const worker =
      spec.workerName === COMBINE_WORKER ? combineWorker : this.deps.workers[spec.workerName];
    if (!worker) {
      return this.failure(
        spec,
        `No worker is registered under "${spec.workerName}": add it to the workers given to createWorkManager.`,
      );
    }
    let input: Data;
    try {
      // Tracked like every store call, so settling waits for the prerequisites' outputs.
      const read = this.inputOf(spec);
      input = await (this.deps.track ? this.deps.track(read) : read);
    } catch (error) {
      return this.failure(spec, `Could not merge the inputs of ${spec.id}: ${messageOf(error)}`);
    }
    let result: unknown;
    try {
      result = await worker(this.context(run, input));
    } catch (error) {
      if (run.stopReason !== StopReason.NOT_STOPPED)
        return { kind: 'interrupted', stopReason: run.stopReason };
      this.deps.logger.error(`Worker ${spec.workerName} threw for ${spec.id}`, {
        error: messageOf(error),
      });
      return this.failure(spec, `Worker ${spec.workerName} threw: ${messageOf(error)}`);
    }
    if (run.stopReason !== StopReason.NOT_STOPPED)
      return { kind: 'interrupted', stopReason: run.stopReason };
    if (!isWorkerResult(result)) {
      this.deps.logger.error(
        `Worker ${spec.workerName} returned something that is not a Result; counted as failure.`,
        {
          id: spec.id,
        },
      );
      return { kind: 'failure', output: Data.EMPTY };
    }
    if (result.type === 'retry') return { kind: 'retry' };
    if (result.outputData.sizeInBytes() > this.deps.semantics.maxDataBytes) {
      return this.failure(
        spec,
        `Output of ${spec.workerName} is ${result.outputData.sizeInBytes()} bytes; the limit is ${this.deps.semantics.maxDataBytes}.`,
      );
    }
    return { kind: result.type, output: result.outputData };
  }

  private async inputOf(spec: WorkSpec): Promise<Data> {
    if (isPeriodic(spec) || spec.prerequisites.length === 0) return spec.input;
    const prerequisites = await this.deps.store.findWorks({ ids: spec.prerequisites });
    return mergeInputs(spec.inputMerger, [spec.input, ...prerequisites.map((p) => p.output)]);
  }

  private context(run: LiveRun, inputData: Data): WorkerContext {
    const { spec } = run;
    const deps = this.deps;
    return {
      id: spec.id,
      workerName: spec.workerName,
      inputData,
      tags: new Set(spec.tags),
      runAttemptCount: spec.runAttemptCount - 1,
      generation: spec.generation,
      get signal() {
        if (!run.controller) {
          run.controller = new AbortController();
          if (run.stopReason !== StopReason.NOT_STOPPED) {
            run.controller.abort(stopError(spec.id, run.stopReason));
          }
        }
        return run.controller.signal;
      },
      get stopReason() {
        return run.stopReason;
      },
      async setProgress(progress: DataInput | Data) {
        const data = Data.from(progress, deps.semantics.maxDataBytes);
        // Tracked, so that settling waits for a progress write still on its way to the store.
        const write = deps.store.setProgress({ id: spec.id, owner: deps.owner, progress: data });
        const stored = await (deps.track ? deps.track(write) : write);
        if (stored === 'NOT_FOUND') {
          throw new WorkError(
            'ILLEGAL_STATE',
            `Work ${spec.id} no longer exists: its progress cannot be set.`,
          );
        }
        if (stored === 'IGNORED') {
          deps.logger.warn(`Progress of ${spec.id} ignored: the work is no longer running.`);
        } else {
          deps.onProgress();
        }
      },
    };
  }

  /** A failure whose output says why, under {@link ERROR_OUTPUT_KEY}. */
  private failure(spec: WorkSpec, message: string): RunOutcome {
    this.deps.logger.error(message, { id: spec.id });
    return { kind: 'failure', output: Data.from({ [ERROR_OUTPUT_KEY]: message.slice(0, 2_000) }) };
  }
}

/** How often a run's outcome is offered to a busy store before the run is left to recovery. */
const CONCLUDE_ATTEMPTS = 6;

function stopError(id: string, reason: number): WorkError {
  return new WorkError('ILLEGAL_STATE', `Run of ${id} stopped (stop reason ${reason}).`);
}

function messageOf(error: unknown): string {
  if (isWorkError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
