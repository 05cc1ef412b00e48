import type { WorkStore } from '@workmanager-ts/core';

/** A WorkStore that can be told to stop handing out new runs. */
export interface DrainableStore {
  readonly store: WorkStore;
  /** From now on no work is claimed; running work still concludes normally. */
  drain(): void;
  readonly draining: boolean;
}

/**
 * Wraps the store a `run` process's engine uses so that a graceful shutdown can stop taking
 * work while running work finishes: once drained, `claimWork` claims nothing and the claims
 * piggy-backed on enqueues and run conclusions are dropped. Everything else passes through.
 */
export function drainableStore(inner: WorkStore): DrainableStore {
  let draining = false;
  const store: WorkStore = {
    capabilities: inner.capabilities,
    enqueueWork: (params) => {
      if (!draining) return inner.enqueueWork(params);
      const { claim: _dropped, ...rest } = params;
      return inner.enqueueWork(rest);
    },
    claimWork: (params) => (draining ? Promise.resolve([]) : inner.claimWork(params)),
    concludeRun: (params) => {
      if (!draining) return inner.concludeRun(params);
      const { claimNext: _dropped, ...rest } = params;
      return inner.concludeRun(rest);
    },
    renewLeases: (params) => inner.renewLeases(params),
    recoverRuns: (params) => inner.recoverRuns(params),
    cancelWork: (params) => inner.cancelWork(params),
    updateWork: (params) => inner.updateWork(params),
    setProgress: (params) => inner.setProgress(params),
    pruneWork: (params) => inner.pruneWork(params),
    getWork: (id) => inner.getWork(id),
    findWorks: (selector) => inner.findWorks(selector),
    nextDueTime: (conditions) =>
      draining ? Promise.resolve(Number.POSITIVE_INFINITY) : inner.nextDueTime(conditions),
    getLastCancelAllTime: () => inner.getLastCancelAllTime(),
    close: () => inner.close(),
  };
  return {
    store,
    drain: () => {
      draining = true;
    },
    get draining() {
      return draining;
    },
  };
}
