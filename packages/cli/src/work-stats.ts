import { WORK_STATES, type WorkState } from '@workmanager-ts/core';
import type { WorkView } from './work-view.js';

/** Counts by state, as `stats` prints and the dashboard's header shows. */
export interface WorkStats {
  readonly total: number;
  readonly counts: Readonly<Record<WorkState, number>>;
}

/** Counts the works by state. */
export function statsOf(works: readonly Pick<WorkView, 'state'>[]): WorkStats {
  const counts = Object.fromEntries(WORK_STATES.map((s) => [s, 0])) as Record<WorkState, number>;
  for (const work of works) counts[work.state]++;
  return { total: works.length, counts };
}
