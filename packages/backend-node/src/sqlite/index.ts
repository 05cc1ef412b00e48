export type { GroupCommitStats } from './group-commit.js';
export { MAX_GROUP_COMMIT_BATCH } from './group-commit.js';
export { LATEST_SCHEMA_VERSION } from './schema-migrations.js';
export type { SqliteStoreOptions } from './sqlite-store-options.js';
export type { SqlitePragmas, SqliteTransactionRunner } from './sqlite-transaction-runner.js';
export { sqliteTransactionRunner } from './sqlite-transaction-runner.js';
