/**
 * Resolves once `tick` has been called `n` times: how every benchmark waits for the last job
 * of a workload without polling.
 */
export class Countdown {
  private left: number;
  private resolve: () => void = () => {};
  /** Resolves when the count reaches zero. */
  readonly done: Promise<void>;

  constructor(n: number) {
    this.left = n;
    this.done = new Promise<void>((r) => (this.resolve = r));
    if (n <= 0) this.resolve();
  }

  /** Counts one job; resolves `done` on the last. */
  tick(): void {
    if (--this.left === 0) this.resolve();
  }
}

/** A promise that resolves after `ms` milliseconds (for polling loops only, never in a handler). */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
