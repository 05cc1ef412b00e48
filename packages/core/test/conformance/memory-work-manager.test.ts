import { memoryStore, silentLogger } from '../../src/index.js';
import { describeWorkManagerConformance } from '../../src/testing/work-manager-conformance.js';

describeWorkManagerConformance('memory', async () => ({
  store: memoryStore({ logger: silentLogger }),
}));
