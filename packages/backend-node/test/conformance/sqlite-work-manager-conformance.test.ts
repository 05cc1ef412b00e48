import { describeWorkManagerConformance } from '@workmanager-ts/core/testing';
import { sqliteStoreOnTempFile } from './sqlite-store-factory.js';

describeWorkManagerConformance('sqlite', sqliteStoreOnTempFile);
