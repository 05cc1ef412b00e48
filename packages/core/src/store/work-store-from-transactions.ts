import { ANDROIDX_SEMANTICS } from '../model/work-semantics.js';
import { consoleLogger, type Logger } from '../ports/logger.js';
import type { WorkStore } from '../ports/work-store.js';
import type { WorkTransactionRunner } from '../ports/work-transaction.js';
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
  return {
    capabilities: runner.capabilities,
    enqueueWork: (p) =>
      runner.transact((tx) => enqueueWork(tx, p, p.semantics ?? ANDROIDX_SEMANTICS, logger)),
    claimWork: (p) => runner.transact((tx) => claimWork(tx, p)),
    concludeRun: (p) =>
      runner.transact((tx) => concludeRun(tx, p, p.semantics ?? ANDROIDX_SEMANTICS)),
    renewLeases: (p) => runner.transact((tx) => renewLeases(tx, p)),
    recoverRuns: (p) =>
      runner.transact((tx) => recoverRuns(tx, p, p.semantics ?? ANDROIDX_SEMANTICS)),
    cancelWork: (p) => runner.transact((tx) => cancelWork(tx, p)),
    updateWork: (p) =>
      runner.transact((tx) => updateWork(tx, p.work, p.semantics ?? ANDROIDX_SEMANTICS)),
    setProgress: (p) => runner.transact((tx) => setProgress(tx, p)),
    pruneWork: (p) => runner.transact((tx) => pruneWork(tx, p)),
    getWork: (id) => runner.transact((tx) => tx.getWork(id) ?? null),
    findWorks: (selector) => runner.transact((tx) => tx.findWorks(selector)),
    nextDueTime: (conditions) => runner.transact((tx) => tx.nextDueTime(conditions)),
    getLastCancelAllTime: () => runner.transact((tx) => tx.getSetting(LAST_CANCEL_ALL_TIME) ?? 0),
    close: () => runner.close(),
  };
}
