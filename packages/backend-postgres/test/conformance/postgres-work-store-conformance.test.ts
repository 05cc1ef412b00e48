import { describeWorkStoreConformance } from '@workmanager-ts/core/testing';
import { postgresStoreOnFreshSchema } from '../postgres-test-server.js';

describeWorkStoreConformance('postgres', postgresStoreOnFreshSchema);
