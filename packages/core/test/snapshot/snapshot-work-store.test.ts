import {
  sessionTransactionRunner,
  silentLogger,
  workStoreFromTransactions,
} from '../../src/index.js';
import {
  describeWorkManagerConformance,
  describeWorkStoreConformance,
  describeWorkTransactionConformance,
} from '../../src/testing/index.js';
import { memoryRowBackend } from './memory-row-backend.js';

// The snapshot runner over a backend answering each read separately, as a database server
// does: every conformance suite must pass on it exactly as on the synchronous stores.
const snapshotStore = () =>
  workStoreFromTransactions(sessionTransactionRunner(memoryRowBackend()), {
    logger: silentLogger,
  });

describeWorkTransactionConformance('snapshot over async reads', async () => {
  const runner = sessionTransactionRunner(memoryRowBackend());
  return { runner, cleanup: () => runner.close() };
});

describeWorkStoreConformance('snapshot over async reads', async () => ({ store: snapshotStore() }));

describeWorkManagerConformance('snapshot over async reads', async () => ({
  store: snapshotStore(),
}));
