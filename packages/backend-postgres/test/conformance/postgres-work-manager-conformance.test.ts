import { describeWorkManagerConformance } from '@workmanager-ts/core/testing';
import { postgresStoreOnFreshSchema } from '../postgres-test-server.js';

describeWorkManagerConformance('postgres', postgresStoreOnFreshSchema);
