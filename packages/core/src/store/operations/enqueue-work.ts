import { WorkError } from '../../model/work-error.js';
import type { WorkSemantics } from '../../model/work-semantics.js';
import { isPeriodic, type WorkSpec } from '../../model/work-spec.js';
import type { Logger } from '../../ports/logger.js';
import type { EnqueueWorkParams, EnqueueWorkResult } from '../../ports/work-store.js';
import type { WorkTransaction } from '../../ports/work-transaction.js';
import { newWorkPatch } from '../../rules/initial-state.js';
import { planUniqueWork } from '../../rules/unique-work-plan.js';
import { cancelWorkTree } from './cancel-work.js';
import { claimWork } from './claim-work.js';
import { updateWork } from './update-work.js';

/**
 * Inserts a continuation: applies the unique-work policy to the root level (spec §5), then
 * inserts each level with the state its prerequisites give it (spec §3.1). A level naming a
 * prerequisite that no longer exists is not inserted, nor is anything after it — androidx
 * logs this and still reports success.
 */
export function enqueueWork(
  tx: WorkTransaction,
  params: EnqueueWorkParams,
  semantics: WorkSemantics,
  logger: Logger,
): EnqueueWorkResult {
  const inserted: string[] = [];
  const deleted: string[] = [];
  let cancelled: readonly string[] = [];
  let stoppedRuns: readonly string[] = [];
  let appendTo: readonly string[] = [];

  if (params.unique) {
    const members = tx.findWorks({ uniqueNames: [params.unique.name] });
    const plan = planUniqueWork(
      params.unique.policy,
      members.map((m) => ({
        id: m.id,
        state: m.state,
        isPeriodic: isPeriodic(m),
        hasDependents: tx.getDependentIds(m.id).length > 0,
      })),
    );
    switch (plan.kind) {
      case 'error':
        throw new WorkError(plan.code, plan.message);
      case 'keep':
        return { inserted, deleted, cancelled, stoppedRuns, claimed: [] };
      case 'not-applied':
        return {
          inserted,
          deleted,
          cancelled,
          stoppedRuns,
          updated: { id: plan.id, result: 'NOT_APPLIED' },
          claimed: [],
        };
      case 'update': {
        const template = params.levels[0]?.works[0];
        if (!template) return { inserted, deleted, cancelled, stoppedRuns, claimed: [] };
        const { result } = updateWork(
          tx,
          { ...template, id: plan.id, uniqueName: params.unique.name },
          semantics,
        );
        return {
          inserted,
          deleted,
          cancelled,
          stoppedRuns,
          updated: { id: plan.id, result },
          claimed: claimAfter(tx, params),
        };
      }
      case 'insert': {
        ({ cancelled, stoppedRuns } = cancelWorkTree(tx, plan.cancel));
        for (const id of plan.delete) {
          tx.deleteWork(id);
          deleted.push(id);
        }
        appendTo = plan.appendTo;
      }
    }
  }

  for (const [index, level] of params.levels.entries()) {
    const works = level.works.map((w) =>
      index === 0 && appendTo.length > 0
        ? { ...w, prerequisites: [...w.prerequisites, ...appendTo] }
        : w,
    );
    if (!insertLevel(tx, works, params.now, semantics, logger, inserted)) break;
  }
  return { inserted, deleted, cancelled, stoppedRuns, claimed: claimAfter(tx, params) };
}

function claimAfter(tx: WorkTransaction, params: EnqueueWorkParams): WorkSpec[] {
  return params.claim ? claimWork(tx, { ...params.claim, now: params.now }) : [];
}

function insertLevel(
  tx: WorkTransaction,
  works: readonly WorkSpec[],
  now: number,
  semantics: WorkSemantics,
  logger: Logger,
  inserted: string[],
): boolean {
  const prerequisiteStates = new Map<string, WorkSpec['state']>();
  for (const work of works) {
    for (const id of work.prerequisites) {
      const state = prerequisiteStates.get(id) ?? tx.getWork(id)?.state;
      if (state === undefined) {
        logger.error(
          `Prerequisite ${id} does not exist; not enqueuing ${work.id} and what follows it.`,
        );
        return false;
      }
      prerequisiteStates.set(id, state);
    }
  }
  for (const work of works) {
    if (tx.getWork(work.id)) continue; // androidx inserts with IGNORE on a known id
    const states = work.prerequisites.map((id) => prerequisiteStates.get(id)!);
    tx.insertWork(newWorkPatch(work, states, now, semantics));
    inserted.push(work.id);
  }
  return true;
}
