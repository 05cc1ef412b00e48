import type { Data } from '../../model/data.js';
import type { WorkTransaction } from '../../ports/work-transaction.js';

/** Stores progress only while the owner's run is live (spec §10.1). */
export function setProgress(
  tx: WorkTransaction,
  params: { id: string; owner: string; progress: Data },
): 'STORED' | 'IGNORED' | 'NOT_FOUND' {
  const work = tx.getWork(params.id);
  if (!work) return 'NOT_FOUND';
  if (work.state !== 'RUNNING' || work.runOwner !== params.owner) return 'IGNORED';
  tx.updateWork(work.id, { progress: params.progress });
  return 'STORED';
}
