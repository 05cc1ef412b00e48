import { WorkError } from '../../model/work-error.js';
import type { WorkSemantics } from '../../model/work-semantics.js';
import type { WorkSpec } from '../../model/work-spec.js';
import type { UpdateWorkStoreResult } from '../../ports/work-store.js';
import type { WorkTransaction } from '../../ports/work-transaction.js';
import { updatedWorkSpec } from '../../rules/work-update.js';

/** Replaces a stored work's request in place, keeping its run state (spec §8). */
export function updateWork(
  tx: WorkTransaction,
  replacement: WorkSpec,
  semantics: WorkSemantics,
): UpdateWorkStoreResult {
  const existing = tx.getWork(replacement.id);
  if (!existing) {
    throw new WorkError(
      'WORK_NOT_FOUND',
      `No work with id ${replacement.id} exists: updateWork needs the id of an enqueued work (build the request with { id }).`,
    );
  }
  const { result, spec } = updatedWorkSpec(existing, replacement, semantics);
  if (result !== 'NOT_APPLIED') {
    const { id: _id, ...patch } = spec;
    tx.updateWork(existing.id, patch);
  }
  return { result, work: spec };
}
