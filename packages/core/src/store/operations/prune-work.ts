import { FINISHED_STATES, isFinished } from '../../model/work-state.js';
import type { WorkTransaction } from '../../ports/work-transaction.js';
import { selectPrunable } from '../../rules/prune-selection.js';

/** Deletes finished works no unfinished work depends on (spec §11). */
export function pruneWork(tx: WorkTransaction, params: { retentionCutoff?: number }): string[] {
  const finished = tx.findWorks({ states: FINISHED_STATES });
  const hasUnfinishedDependent = (id: string): boolean =>
    tx.getDependentIds(id).some((d) => {
      const dependent = tx.getWork(d);
      return dependent !== undefined && !isFinished(dependent.state);
    });
  const prunable = selectPrunable(finished, hasUnfinishedDependent, params.retentionCutoff);
  for (const id of prunable) tx.deleteWork(id);
  return prunable;
}
