/**
 * Milliseconds since the epoch with sub-millisecond resolution, comparable between processes
 * on one machine: each process's `performance.timeOrigin` is read from the system clock.
 */
export function wallClockMillis(): number {
  return performance.timeOrigin + performance.now();
}
