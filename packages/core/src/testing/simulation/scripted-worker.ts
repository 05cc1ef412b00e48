import type { Worker } from '../../engine/worker.js';
import { Result } from '../../model/result.js';
import type { Clock } from '../../ports/clock.js';
import type { WorkerStep } from './scenario.js';

/**
 * The scripts of a simulation's works and how often each work's worker was called. Invocations
 * count across crashes: after a restart the recovered work runs its next step.
 */
export class WorkerScripts {
  private readonly scripts = new Map<string, readonly WorkerStep[]>();
  private readonly calls = new Map<string, number>();

  constructor(
    /** Scripts by worker name, for works enqueued without one. */
    private readonly byWorker: Readonly<Record<string, readonly WorkerStep[]>> = {},
  ) {}

  /** Sets the script of work `id` (the first one given wins: an update keeps the original's). */
  set(id: string, script: readonly WorkerStep[] | undefined): void {
    if (!this.scripts.has(id)) this.scripts.set(id, script ?? []);
  }

  /** The step of work `id`'s next invocation, counting it. */
  next(id: string, workerName: string): WorkerStep {
    const n = this.calls.get(id) ?? 0;
    this.calls.set(id, n + 1);
    const own = this.scripts.get(id);
    const script = own && own.length > 0 ? own : (this.byWorker[workerName] ?? []);
    return script[Math.min(n, script.length - 1)] ?? { result: 'success' };
  }

  /**
   * A worker that plays the scripts under `clock` (one process lifetime's clock, known once its
   * kit is built: after a crash its timers never fire, so a run in progress simply never ends,
   * as in a killed process).
   */
  worker(clock: Promise<Clock>): Worker {
    return async (ctx) => {
      const step = this.next(ctx.id, ctx.workerName);
      const duration = step.durationMillis ?? 0;
      const progress = step.progress ?? [];
      // Most steps end at once: they never touch the signal (an AbortController is not free).
      if (duration > 0 || progress.length > 0) {
        const slices = Math.max(progress.length, 1);
        for (let i = 0; i < slices; i++) {
          if (ctx.signal.aborted) return Result.retry(); // ignored: the run is interrupted
          const value = progress[i];
          if (value !== undefined) await ctx.setProgress({ progress: value });
          const wait = duration === Infinity ? Infinity : duration / slices;
          if (wait > 0 && !(await sleep(await clock, wait, ctx.signal))) return Result.retry();
        }
      }
      switch (step.result) {
        case 'success':
          return Result.success(step.output);
        case 'failure':
          return Result.failure(step.output);
        case 'retry':
          return Result.retry();
        case 'throw':
          throw new Error(`scripted throw in ${ctx.id}`);
      }
    };
  }
}

/** Waits `ms` of virtual time; resolves false early if the run is stopped. */
function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms)
      ? clock.setTimer(clock.now() + ms, () => {
          signal.removeEventListener('abort', onAbort);
          resolve(true);
        })
      : null;
    const onAbort = (): void => {
      timer?.cancel();
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
