/**
 * @workmanager-ts/backend-node — WorkManager for Node services: a durable SQLite store shared
 * by several processes, and constraints read from the host OS.
 */
export { deviceIdle } from './constraints/idle-condition.js';
export { networkTypes } from './constraints/network-condition.js';
export {
  type NodeConditionSources,
  type NodeConstraintTrackerOptions,
  nodeConstraintTracker,
} from './constraints/node-constraint-tracker.js';
export { type PowerState, powerState } from './constraints/power-condition.js';
export { storageNotLow } from './constraints/storage-condition.js';
export * from './sqlite/index.js';
export { type SqliteWorkStore, sqliteStore } from './sqlite-store.js';
