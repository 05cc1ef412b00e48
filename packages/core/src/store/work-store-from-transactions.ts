import type { WorkSemantics } from '../model/work-semantics.js';
import { ANDROIDX_SEMANTICS } from '../model/work-semantics.js';
import { consoleLogger, type Logger } from '../ports/logger.js';
import type { RowRead } from '../ports/work-row-session.js';
import type { ClaimDueWorkParams, WorkStore } from '../ports/work-store.js';
import type { WorkTransaction, WorkTransactionRunner } from '../ports/work-transaction.js';
import { DeferredLogger } from './deferred-logger.js';
import { cancelWork, LAST_CANCEL_ALL_TIME } from './operations/cancel-work.js';
import { claimWork } from './operations/claim-work.js';
import { concludeRun } from './operations/conclude-run.js';
import { enqueueWork } from './operations/enqueue-work.js';
import { pruneWork } from './operations/prune-work.js';
import { recoverRuns } from './operations/recover-runs.js';
import { renewLeases } from './operations/renew-leases.js';
import { setProgress } from './operations/set-progress.js';
import { updateWork } from './operations/update-work.js';

/**
 * Builds the whole {@link WorkStore} port over a backend's row-level transactions. Every port
 * call is one `transact` call, so it is atomic, and every backend applies the same rules: a
 * backend only has to implement {@link WorkTransactionRunner}.
 */
export function workStoreFromTransactions(
  runner: WorkTransactionRunner,
  options: { logger?: Logger } = {},
): WorkStore {
  const logger = options.logger ?? consoleLogger;
  const semantics = (p: { semantics?: WorkSemantics }): WorkSemantics =>
    p.semantics ?? ANDROIDX_SEMANTICS;
  const read = <T>(fn: (tx: WorkTransaction) => T): Promise<T> =>
    runner.read ? runner.read(fn) : runner.transact(fn);
  return {
    capabilities: runner.capabilities,
    async enqueueWork(p) {
      // Logged once the enqueue committed: a backend may run the operation more than once.
      const deferred = new DeferredLogger();
      // Every id the call inserts or names as a prerequisite, in one read, instead of one
      // round trip per id; the unique name's members; the due works to claim.
      const ids = new Set<string>();
      for (const level of p.levels) {
        for (const work of level.works) {
          ids.add(work.id);
          for (const id of work.prerequisites) ids.add(id);
        }
      }
      const hints: RowRead[] = [{ kind: 'works', ids: [...ids] }];
      if (p.unique) hints.push({ kind: 'select', selector: { uniqueNames: [p.unique.name] } });
      if (p.claim) hints.push(dueHint(p.now, p.claim));
      const result = await runner.transact(
        (tx) => {
          deferred.clear();
          return enqueueWork(tx, p, semantics(p), deferred);
        },
        { hints, within: p.within },
      );
      deferred.replay(logger);
      return result;
    },
    claimWork: (p) =>
      runner.transact((tx) => claimWork(tx, p), {
        hints: p.ids ? [{ kind: 'works', ids: p.ids, lock: 'update' }] : [dueHint(p.now, p)],
      }),
    concludeRun: (p) => {
      const hints: RowRead[] = [{ kind: 'works', ids: [p.id], lock: 'update' }];
      if (p.outcome.kind === 'success' || p.outcome.kind === 'failure') {
        hints.push({ kind: 'dependents', ids: [p.id] });
      }
      if (p.claimNext) hints.push(dueHint(p.now, p.claimNext));
      return runner.transact((tx) => concludeRun(tx, p, semantics(p)), { hints });
    },
    renewLeases: (p) =>
      runner.transact((tx) => renewLeases(tx, p), {
        // A run being concluded right now needs no renewal: skip rows others hold rather than
        // wait for them in an order that could deadlock with a batch of conclusions.
        hints: [{ kind: 'works', ids: p.ids, lock: 'update', skipLocked: true }],
      }),
    recoverRuns: (p) =>
      runner.transact((tx) => recoverRuns(tx, p, semantics(p)), {
        hints: [
          p.leaseExpiredBefore === undefined
            ? { kind: 'running' }
            : { kind: 'running', leaseExpiredBefore: p.leaseExpiredBefore },
        ],
      }),
    cancelWork: (p) =>
      runner.transact((tx) => cancelWork(tx, p), {
        hints: 'id' in p.selector ? [{ kind: 'works', ids: [p.selector.id], lock: 'update' }] : [],
      }),
    updateWork: (p) =>
      runner.transact((tx) => updateWork(tx, p.work, semantics(p)), {
        hints: [{ kind: 'works', ids: [p.work.id], lock: 'update' }],
      }),
    setProgress: (p) =>
      runner.transact((tx) => setProgress(tx, p), {
        hints: [{ kind: 'works', ids: [p.id], lock: 'update' }],
      }),
    pruneWork: (p) => runner.transact((tx) => pruneWork(tx, p)),
    getWork: (id) => read((tx) => tx.getWork(id) ?? null),
    findWorks: (selector) => read((tx) => tx.findWorks(selector)),
    nextDueTime: (conditions) => read((tx) => tx.nextDueTime(conditions)),
    getLastCancelAllTime: () => read((tx) => tx.getSetting(LAST_CANCEL_ALL_TIME) ?? 0),
    close: () => runner.close(),
  };
}

function dueHint(now: number, claim: ClaimDueWorkParams): RowRead {
  return { kind: 'due', now, limit: claim.limit, conditions: claim.conditions };
}
