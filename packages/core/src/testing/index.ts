/**
 * @workmanager-ts/core/testing — the test kit: a virtual clock, androidx's TestDriver, and the
 * conformance suites every backend runs.
 */
export {
  createTestWorkManager,
  type TestWorkManager,
  type TestWorkManagerOptions,
} from './create-test-work-manager.js';
export * from './simulation/index.js';
export { TestClock } from './test-clock.js';
export { TestConstraintTracker } from './test-constraint-tracker.js';
export type { TestDriver } from './test-driver.js';
export {
  type ConformanceStoreFactory,
  describeWorkManagerConformance,
} from './work-manager-conformance.js';
export { workSpecFixture } from './work-spec-fixture.js';
export { describeWorkStoreConformance } from './work-store-conformance.js';
export { describeWorkTransactionConformance } from './work-transaction-conformance.js';
