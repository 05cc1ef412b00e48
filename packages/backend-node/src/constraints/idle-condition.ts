import { availableParallelism, loadavg } from 'node:os';

/**
 * A host is "idle" when its one-minute load average per core is below `belowLoadPerCore`
 * (default 0.3): the nearest thing a server has to Android's device-idle (screen off, unused).
 */
export function deviceIdle(options: { belowLoadPerCore?: number } = {}): () => boolean {
  const threshold = options.belowLoadPerCore ?? 0.3;
  return () => (loadavg()[0] ?? 0) / availableParallelism() < threshold;
}
