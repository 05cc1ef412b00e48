import { statfsSync } from 'node:fs';

/**
 * Storage is "low" when the filesystem holding `path` has less than `lowBelowFraction` of its
 * size free and less than `lowBelowBytes` free — Android calls storage low near 10 % free; a
 * large server disk with gigabytes left is not low even under 10 %.
 */
export function storageNotLow(options: {
  path: string;
  lowBelowFraction?: number;
  lowBelowBytes?: number;
}): () => boolean {
  const fraction = options.lowBelowFraction ?? 0.1;
  const bytes = options.lowBelowBytes ?? 1024 ** 3;
  return () => {
    const stats = statfsSync(options.path);
    const free = stats.bavail * stats.bsize;
    const total = stats.blocks * stats.bsize;
    return free >= bytes || free >= total * fraction;
  };
}
