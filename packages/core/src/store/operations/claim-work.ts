import type { WorkSpec } from '../../model/work-spec.js';
import type { ClaimWorkParams } from '../../ports/work-store.js';
import type { WorkTransaction } from '../../ports/work-transaction.js';
import { claimPatch } from '../../rules/run-transitions.js';

/** Marks due (or explicitly named) ENQUEUED works RUNNING for one owner. */
export function claimWork(tx: WorkTransaction, params: ClaimWorkParams): WorkSpec[] {
  const candidates = params.ids
    ? params.ids
        .map((id) => tx.getWork(id))
        .filter((w): w is WorkSpec => w?.state === 'ENQUEUED')
        .slice(0, params.limit)
    : tx.findDueWork({ now: params.now, limit: params.limit, conditions: params.conditions });
  return candidates.map((work) => {
    const patch = claimPatch(work, params);
    tx.updateWork(work.id, patch);
    return { ...work, ...patch };
  });
}
