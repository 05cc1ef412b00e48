import { describe } from 'vitest';
import { describeCancellationAndStopReasons } from './conformance/cancellation-and-stop-reasons.js';
import { describeEnqueueAndChains } from './conformance/enqueue-and-chains.js';
import { describePeriodicWork } from './conformance/periodic-work.js';
import { describeProgress } from './conformance/progress.js';
import { describePruningAndRecovery } from './conformance/pruning-and-recovery.js';
import { describeQueriesAndObservation } from './conformance/queries-and-observation.js';
import { describeTestDriver } from './conformance/test-driver-verbs.js';
import { describeTimeMode } from './conformance/time-mode.js';
import { describeUniqueWork } from './conformance/unique-work.js';
import { describeUpdateWork } from './conformance/update-work.js';
import { describeValidationErrors } from './conformance/validation-errors.js';
import type { ConformanceStoreFactory } from './conformance/with-kit.js';

export type { ConformanceStoreFactory } from './conformance/with-kit.js';

/**
 * The public-API conformance suite every WorkStore backend runs (STYLE.md §3): androidx's own
 * scenarios (scenarios.md C–K) and the spec's rules, black-box through `WorkManager` and the
 * test kit, each test on a fresh store from `factory`. A backend's test file is its store
 * factory and one call to this.
 */
export function describeWorkManagerConformance(
  name: string,
  factory: ConformanceStoreFactory,
): void {
  describe(`WorkManager conformance: ${name}`, () => {
    describeEnqueueAndChains(factory);
    describeUniqueWork(factory);
    describeUpdateWork(factory);
    describeCancellationAndStopReasons(factory);
    describePeriodicWork(factory);
    describeQueriesAndObservation(factory);
    describeProgress(factory);
    describePruningAndRecovery(factory);
    describeTestDriver(factory);
    describeTimeMode(factory);
    describeValidationErrors(factory);
  });
}
