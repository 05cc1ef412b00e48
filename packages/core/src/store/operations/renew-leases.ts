import type { WorkTransaction } from '../../ports/work-transaction.js';

/** Extends the leases of runs the owner still holds. */
export function renewLeases(
  tx: WorkTransaction,
  params: { owner: string; ids: readonly string[]; leaseExpiresAt: number },
): void {
  for (const id of params.ids) {
    const work = tx.getWork(id);
    if (work?.state === 'RUNNING' && work.runOwner === params.owner) {
      tx.updateWork(id, { leaseExpiresAt: params.leaseExpiresAt });
    }
  }
}
