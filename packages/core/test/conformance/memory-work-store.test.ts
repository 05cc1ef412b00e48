import { memoryStore, silentLogger } from '../../src/index.js';
import { describeWorkStoreConformance } from '../../src/testing/work-store-conformance.js';

describeWorkStoreConformance('memory store', async () => ({
  store: memoryStore({ logger: silentLogger }),
}));
