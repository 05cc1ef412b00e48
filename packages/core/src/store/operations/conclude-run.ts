import type { WorkSemantics } from '../../model/work-semantics.js';
import type { WorkSpec } from '../../model/work-spec.js';
import type { ConcludeRunParams, ConcludeRunResult } from '../../ports/work-store.js';
import type { WorkTransaction } from '../../ports/work-transaction.js';
import { dependentsToFail, dependentsToUnblock } from '../../rules/dependency-cascade.js';
import { cascadeFailPatch, concludeRunPatch, unblockPatch } from '../../rules/run-transitions.js';
import { claimWork } from './claim-work.js';
import { dependencyGraphView } from './dependency-graph-view.js';

/**
 * Applies a run's outcome to the work, then to its dependents: success unblocks the direct
 * dependents whose prerequisites all succeeded, failure fails every transitive dependent
 * (spec §6.2). A result for a work that is gone, finished or owned by another run is ignored
 * (spec §3.2).
 */
export function concludeRun(
  tx: WorkTransaction,
  params: ConcludeRunParams,
  semantics: WorkSemantics,
): ConcludeRunResult {
  const row = tx.getWork(params.id);
  if (row?.state !== 'RUNNING' || row.runOwner !== params.owner) {
    return {
      applied: false,
      work: row ?? null,
      unblocked: [],
      failed: [],
      claimed: claimNext(tx, params),
    };
  }
  const patch = concludeRunPatch(row, params.outcome, params.now, semantics);
  tx.updateWork(row.id, patch);
  const work = { ...row, ...patch };
  const unblocked: string[] = [];
  const failed: string[] = [];
  if (work.state === 'SUCCEEDED') {
    for (const id of dependentsToUnblock(work.id, dependencyGraphView(tx))) {
      const dependent = tx.getWork(id);
      if (!dependent) continue;
      tx.updateWork(id, unblockPatch(dependent, params.now, semantics));
      unblocked.push(id);
    }
  } else if (work.state === 'FAILED') {
    for (const id of dependentsToFail(work.id, dependencyGraphView(tx))) {
      const dependent = tx.getWork(id);
      if (!dependent) continue;
      tx.updateWork(id, cascadeFailPatch(dependent));
      failed.push(id);
    }
  }
  return { applied: true, work, unblocked, failed, claimed: claimNext(tx, params) };
}

function claimNext(tx: WorkTransaction, params: ConcludeRunParams): WorkSpec[] {
  return params.claimNext ? claimWork(tx, { ...params.claimNext, now: params.now }) : [];
}
