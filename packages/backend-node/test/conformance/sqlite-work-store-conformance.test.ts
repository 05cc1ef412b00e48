import { describeWorkStoreConformance } from '@workmanager-ts/core/testing';
import { sqliteStoreOnTempFile } from './sqlite-store-factory.js';

describeWorkStoreConformance('sqlite', sqliteStoreOnTempFile);
