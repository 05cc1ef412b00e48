import { FINISHED_STATES, isFinished, WORK_STATES } from '../../model/work-state.js';
import type { CancelSelector, CancelWorkResult } from '../../ports/work-store.js';
import type { WorkTransaction } from '../../ports/work-transaction.js';
import { worksToCancel } from '../../rules/dependency-cascade.js';
import { cancelPatch } from '../../rules/run-transitions.js';
import { dependencyGraphView } from './dependency-graph-view.js';

/** The setting under which cancelAllWork records its time. */
export const LAST_CANCEL_ALL_TIME = 'lastCancelAllTimeMillis';

const UNFINISHED_STATES = WORK_STATES.filter((s) => !FINISHED_STATES.includes(s));

/** Cancels the given roots and their dependents (spec §9). */
export function cancelWorkTree(tx: WorkTransaction, rootIds: readonly string[]): CancelWorkResult {
  const cancelled: string[] = [];
  const stoppedRuns: string[] = [];
  for (const id of worksToCancel(rootIds, dependencyGraphView(tx))) {
    const work = tx.getWork(id);
    if (!work || isFinished(work.state)) continue;
    if (work.state === 'RUNNING') stoppedRuns.push(id);
    tx.updateWork(id, cancelPatch(work));
    cancelled.push(id);
  }
  return { cancelled, stoppedRuns };
}

/** Selects the roots a cancel addresses: unfinished works, except by id (spec §9). */
export function cancelWork(
  tx: WorkTransaction,
  params: { selector: CancelSelector; now: number },
): CancelWorkResult {
  const { selector } = params;
  let roots: string[];
  if ('id' in selector) {
    roots = tx.getWork(selector.id) ? [selector.id] : [];
  } else if ('tag' in selector) {
    roots = ids(tx.findWorks({ tags: [selector.tag], states: UNFINISHED_STATES }));
  } else if ('uniqueName' in selector) {
    roots = ids(tx.findWorks({ uniqueNames: [selector.uniqueName], states: UNFINISHED_STATES }));
  } else {
    roots = ids(tx.findWorks({ states: UNFINISHED_STATES }));
    tx.setSetting(LAST_CANCEL_ALL_TIME, params.now);
  }
  return cancelWorkTree(tx, roots);
}

function ids(works: readonly { id: string }[]): string[] {
  return works.map((w) => w.id);
}
