import { type Logger, type WorkStore, workStoreFromTransactions } from '@workmanager-ts/core';
import type { SqliteStoreOptions } from './sqlite/sqlite-store-options.js';
import {
  type SqliteTransactionRunner,
  sqliteTransactionRunner,
} from './sqlite/sqlite-transaction-runner.js';

/** A WorkStore on a SQLite file, plus what the SQLite layer can tell about itself. */
export interface SqliteWorkStore extends WorkStore {
  /** Pragmas in force and group-commit counters. */
  readonly sqlite: SqliteTransactionRunner;
}

/**
 * The embedded default: durable work in one SQLite file (WAL, synchronous=FULL unless
 * `durability: 'normal'`), shared safely by several processes, with group commit.
 */
export function sqliteStore(options: SqliteStoreOptions & { logger?: Logger }): SqliteWorkStore {
  const runner = sqliteTransactionRunner(options);
  const store = workStoreFromTransactions(runner, options.logger ? { logger: options.logger } : {});
  return { ...store, sqlite: runner };
}
