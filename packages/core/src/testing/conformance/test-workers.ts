import type { Worker, WorkerContext } from '../../engine/worker.js';
import { Result, type WorkerResult } from '../../model/result.js';

/**
 * A promise the test resolves by hand — how a conformance test holds a worker RUNNING
 * (androidx's LatchWorker / CompletableWorker) without sleeping.
 */
export interface Latch<T> {
  readonly promise: Promise<T>;
  release(value: T): void;
}

/** A fresh, unreleased {@link Latch}. */
export function createLatch<T = WorkerResult>(): Latch<T> {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/**
 * Resolves when the run is stopped (or at once if it already was) — the StopAwareWorker
 * pattern for tests of stop reasons, cancellation and close().
 */
export function whenStopped(ctx: WorkerContext): Promise<void> {
  if (ctx.signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

/**
 * A worker that records every context it is given and then returns what `latch` resolves to,
 * or success when stopped first: a running work the test controls from both ends.
 */
export function heldWorker(latch: Latch<WorkerResult>, seen: WorkerContext[]): Worker {
  return async (ctx) => {
    seen.push(ctx);
    return Promise.race([latch.promise, whenStopped(ctx).then(() => Result.success())]);
  };
}

/**
 * A worker that shows each context to `observe` (to count runs or record what it saw), then
 * returns `result()` — success by default.
 */
export function observedWorker(
  observe: (ctx: WorkerContext) => void,
  result: () => WorkerResult = Result.success,
): Worker {
  return (ctx) => {
    observe(ctx);
    return result();
  };
}
