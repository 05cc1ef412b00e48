import type { WorkSemantics } from '../../model/work-semantics.js';
import type { WorkTransaction } from '../../ports/work-transaction.js';
import { recoverRunPatch } from '../../rules/run-transitions.js';

/** Returns RUNNING works left by a dead run to ENQUEUED (spec §13). */
export function recoverRuns(
  tx: WorkTransaction,
  params: { leaseExpiredBefore?: number },
  semantics: WorkSemantics,
): string[] {
  const filter =
    params.leaseExpiredBefore === undefined
      ? {}
      : { leaseExpiredBefore: params.leaseExpiredBefore };
  return tx.findRunning(filter).map((work) => {
    tx.updateWork(work.id, recoverRunPatch(work, semantics));
    return work.id;
  });
}
