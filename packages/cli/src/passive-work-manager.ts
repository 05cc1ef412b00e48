import {
  type StartGate,
  silentLogger,
  WorkManagerEngine,
  type WorkStore,
} from '@workmanager-ts/core';

/** A scheduling pass that starts nothing: the engine only stores, cancels and observes. */
const NEVER_START: StartGate = { onSchedulingPass: async () => {} };

/**
 * Opens an engine on `store` that never runs work. The CLI and the dashboard enqueue and
 * observe through it while `workmanager run` processes (with the real workers) run the work;
 * an ordinary engine with no workers would claim due work and fail it as "unknown worker".
 * As a shared-store engine it polls the store every `pollIntervalMillis`, so its observables
 * also report what other processes write.
 */
export function openPassiveWorkManager(
  store: WorkStore,
  pollIntervalMillis = 500,
): Promise<WorkManagerEngine> {
  return WorkManagerEngine.open(
    {
      store,
      workers: {},
      config: { logger: silentLogger, sharedStore: true, pollIntervalMillis },
    },
    NEVER_START,
  );
}
