import { memoryTransactionRunner } from '../../src/index.js';
import { describeWorkTransactionConformance } from '../../src/testing/index.js';

describeWorkTransactionConformance('memory', async () => {
  const runner = memoryTransactionRunner();
  return { runner, cleanup: () => runner.close() };
});
