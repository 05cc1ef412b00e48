import {
  ANDROIDX_SEMANTICS,
  consoleLogger,
  Data,
  type DataInput,
  ERROR_OUTPUT_KEY,
  isWorkError,
  isWorkerResult,
  type Logger,
  StopReason,
  type Worker,
  type WorkerContext,
  type Workers,
} from '@workmanager-ts/core';
import type { BridgeClient } from './bridge-client.js';
import type { RunRequest } from './protocol/bridge-events.js';
import type { WireOutcome } from './protocol/bridge-methods.js';
import { decodeWireData, encodeWireData, type WireData } from './protocol/wire-data.js';

/** How a run talks back while it is live. */
export interface RunChannel {
  /** Forwards progress to the native `JsWorker` (`setProgressAsync`). */
  setProgress(progress: WireData): Promise<void>;
}

interface LiveRun {
  readonly controller: AbortController;
  stopReason: number;
}

/**
 * Runs registered JS workers for the native side (android-bridge.md §4.3): looks the worker up
 * by name, runs it with a `WorkerContext` like the core engine's, aborts `ctx.signal` when the
 * native side stops the run, and maps what the worker returned or threw to an outcome. Workers
 * must be registered at module top level, because a headless start runs no UI code.
 */
export class WorkerRuntime {
  private readonly workers = new Map<string, Worker>();
  private readonly live = new Map<string, LiveRun>();
  private readonly logger: Logger;
  private readonly maxDataBytes: number;

  constructor(workers: Workers = {}, options: { logger?: Logger; maxDataBytes?: number } = {}) {
    for (const [name, worker] of Object.entries(workers)) this.register(name, worker);
    this.logger = options.logger ?? consoleLogger;
    this.maxDataBytes = options.maxDataBytes ?? ANDROIDX_SEMANTICS.maxDataBytes;
  }

  /** Adds or replaces a worker; call it at module top level. */
  register(name: string, worker: Worker): void {
    this.workers.set(name, worker);
  }

  /** The registered names, sent in `hello` so the native side can report unknown workers early. */
  get workerNames(): string[] {
    return [...this.workers.keys()];
  }

  /** Run ids currently executing here. */
  get runningRunIds(): string[] {
    return [...this.live.keys()];
  }

  /**
   * Runs one requested run to its outcome. Resolves with `null` when the run was stopped
   * meanwhile: the native side has already ended it, so there is nothing to complete.
   */
  async handleRun(request: RunRequest, channel: RunChannel): Promise<WireOutcome | null> {
    const worker = this.workers.get(request.workerName);
    if (!worker) {
      return this.failure(
        request,
        `No worker is registered under "${request.workerName}": register it at module top level in the workers given to createAndroidWorkManager.`,
      );
    }
    const run: LiveRun = { controller: new AbortController(), stopReason: StopReason.NOT_STOPPED };
    this.live.set(request.runId, run);
    try {
      let result: unknown;
      try {
        result = await worker(this.context(request, run, channel));
      } catch (error) {
        if (run.stopReason !== StopReason.NOT_STOPPED) return null;
        return this.failure(request, `Worker ${request.workerName} threw: ${messageOf(error)}`);
      }
      if (run.stopReason !== StopReason.NOT_STOPPED) return null;
      return this.outcomeOf(request, result);
    } finally {
      this.live.delete(request.runId);
    }
  }

  /** Aborts a live run's signal (native `runStopped`); false when the run is not live here. */
  stopRun(runId: string, stopReason: number): boolean {
    const run = this.live.get(runId);
    if (!run || run.stopReason !== StopReason.NOT_STOPPED) return false;
    run.stopReason = stopReason;
    run.controller.abort(new Error(`Run ${runId} stopped (stop reason ${stopReason}).`));
    return true;
  }

  /** Aborts every live run, e.g. when the app closes its WorkManager. */
  stopAll(stopReason: number): void {
    for (const runId of this.runningRunIds) this.stopRun(runId, stopReason);
  }

  /**
   * Runs a request and reports its outcome with `completeRun` — what a host's background entry
   * (React Native headless task, NativeScript dispatcher, Capacitor event) calls.
   */
  async runAndComplete(client: BridgeClient, request: RunRequest): Promise<void> {
    const outcome = await this.handleRun(request, {
      setProgress: async (progress) => {
        await client.call('setProgress', { runId: request.runId, progress });
      },
    });
    if (outcome) await client.call('completeRun', { runId: request.runId, outcome });
  }

  /**
   * Serves `runRequested` / `runStopped` events of `client` (NativeScript, Capacitor, the stdio
   * harness); returns the function that stops serving.
   */
  attach(client: BridgeClient): () => void {
    const offRequested = client.on('runRequested', (event) => {
      this.runAndComplete(client, event).catch((error) => {
        this.logger.error(`Could not complete run ${event.runId}`, { error: messageOf(error) });
      });
    });
    const offStopped = client.on('runStopped', (event) =>
      this.stopRun(event.runId, event.stopReason),
    );
    return () => {
      offRequested();
      offStopped();
    };
  }

  private context(request: RunRequest, run: LiveRun, channel: RunChannel): WorkerContext {
    const maxDataBytes = this.maxDataBytes;
    return {
      id: request.workId,
      workerName: request.workerName,
      inputData: decodeWireData(request.inputData),
      tags: new Set(request.tags),
      runAttemptCount: request.runAttemptCount,
      generation: request.generation,
      signal: run.controller.signal,
      get stopReason() {
        return run.stopReason;
      },
      async setProgress(progress: DataInput | Data) {
        const data = Data.from(progress, maxDataBytes);
        await channel.setProgress(encodeWireData(data, 'Progress'));
      },
    };
  }

  private outcomeOf(request: RunRequest, result: unknown): WireOutcome {
    if (!isWorkerResult(result)) {
      this.logger.error(
        `Worker ${request.workerName} returned something that is not a Result; counted as failure.`,
      );
      return { type: 'failure', outputData: {} };
    }
    if (result.type === 'retry') return { type: 'retry' };
    const size = result.outputData.sizeInBytes();
    if (size > this.maxDataBytes) {
      return this.failure(
        request,
        `Output of ${request.workerName} is ${size} bytes; the limit is ${this.maxDataBytes}.`,
      );
    }
    try {
      return { type: result.type, outputData: encodeWireData(result.outputData, 'Output') };
    } catch (error) {
      return this.failure(
        request,
        `Worker ${request.workerName} returned bad output: ${messageOf(error)}`,
      );
    }
  }

  /** A failure whose output says why, under core's `wm.error` key, as the core engine reports it. */
  private failure(request: RunRequest, message: string): WireOutcome {
    this.logger.error(message, { id: request.workId });
    return { type: 'failure', outputData: { [ERROR_OUTPUT_KEY]: message.slice(0, 2_000) } };
  }
}

function messageOf(error: unknown): string {
  if (isWorkError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
