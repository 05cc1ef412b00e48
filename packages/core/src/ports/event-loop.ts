/**
 * Resolves after the host's pending timers and I/O callbacks had a turn — how the test kit
 * tells that a worker is waiting on something outside the engine rather than still busy.
 */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (cb: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * Waits `ms` of real time, whatever clock the engine runs on: for backing off from a busy
 * store, which is contention in the real world, not a scheduled time.
 */
export function pauseRealTime(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
