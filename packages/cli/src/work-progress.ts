import type { DataValue } from '@workmanager-ts/core';

/**
 * The completion a work reports through `ctx.setProgress`, as a fraction in [0, 1], or `null`
 * when it reports none. By convention (shown in `watch` and the dashboard) a worker publishes
 * `{ progress: 0..100 }` (percent) or `{ done, total }` counts.
 */
export function progressFraction(progress: Readonly<Record<string, DataValue>>): number | null {
  const { progress: percent, done, total } = progress;
  if (typeof percent === 'number' && Number.isFinite(percent)) {
    return Math.min(1, Math.max(0, percent / 100));
  }
  if (typeof done === 'number' && typeof total === 'number' && total > 0) {
    return Math.min(1, Math.max(0, done / total));
  }
  return null;
}

/** A text progress bar such as `[######----] 60%`, for terminals. */
export function progressBar(fraction: number, width = 10): string {
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`;
}
