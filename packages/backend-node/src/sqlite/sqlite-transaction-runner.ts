import {
  type StoreCapabilities,
  WorkError,
  type WorkTransaction,
  type WorkTransactionRunner,
} from '@workmanager-ts/core';
import type Database from 'better-sqlite3';
import { GroupCommit, type GroupCommitStats, MAX_GROUP_COMMIT_BATCH } from './group-commit.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import { readSchemaVersion } from './schema-migrations.js';
import { resolveSqliteStoreOptions, type SqliteStoreOptions } from './sqlite-store-options.js';
import { SqliteWorkTransaction } from './sqlite-work-transaction.js';

/** The connection settings a runner actually has, for diagnostics and benchmark reports. */
export interface SqlitePragmas {
  readonly journalMode: string;
  /** 2 = FULL, 1 = NORMAL. */
  readonly synchronous: number;
  readonly foreignKeys: boolean;
  readonly busyTimeoutMillis: number;
  readonly schemaVersion: number;
  readonly maxPageCount: number;
  /** The most transact calls one commit holds. */
  readonly maxBatchSize: number;
}

/** A {@link WorkTransactionRunner} on a SQLite file, with its counters and settings. */
export interface SqliteTransactionRunner extends WorkTransactionRunner {
  /** How many commits served how many transact calls: the group commit at work. */
  stats(): GroupCommitStats;
  /** The live connection settings. */
  pragmas(): SqlitePragmas;
}

const CAPABILITIES: StoreCapabilities = Object.freeze({ durable: true, multiProcess: true });

/**
 * The SQLite backend of the row-level store port: WAL, `synchronous = FULL` by default, group
 * commit of concurrent `transact` calls, safe for several processes on one file (every batch
 * is a `BEGIN IMMEDIATE` transaction). Wrap it with the core's `workStoreFromTransactions` to
 * get a `WorkStore`.
 *
 * @throws WorkError at open: `STORE_CORRUPT`, `SCHEMA_TOO_NEW`, `STORE_READ_ONLY`,
 *   `STORE_BUSY`, `STORE_FAILURE`, `INVALID_REQUEST` (see {@link SqliteStoreOptions}).
 */
export function sqliteTransactionRunner(options: SqliteStoreOptions): SqliteTransactionRunner {
  const resolved = resolveSqliteStoreOptions(options);
  const { filename } = resolved;
  const db: Database.Database = openSqliteDatabase(resolved);
  // Only a writer holds the lock for a whole batch, which the row cache relies on.
  const tx = new SqliteWorkTransaction(db, { cache: !resolved.readonly });
  const groupCommit = new GroupCommit(db, tx, resolved);
  let closing = false;
  let closed: Promise<void> | undefined;

  const closedError = (): WorkError =>
    new WorkError(
      'STORE_CLOSED',
      `The SQLite store ${filename} is closed: create a new runner to keep working with it.`,
    );

  return {
    capabilities: CAPABILITIES,
    transact<T>(fn: (tx: WorkTransaction) => T): Promise<T> {
      if (closing) return Promise.reject(closedError());
      return groupCommit.submit(fn);
    },
    close(): Promise<void> {
      closing = true;
      closed ??= groupCommit.whenIdle().then(() => {
        db.close();
      });
      return closed;
    },
    stats: () => groupCommit.stats(),
    pragmas(): SqlitePragmas {
      if (!db.open) throw closedError();
      return {
        journalMode: db.pragma('journal_mode', { simple: true }) as string,
        synchronous: db.pragma('synchronous', { simple: true }) as number,
        foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
        busyTimeoutMillis: db.pragma('busy_timeout', { simple: true }) as number,
        schemaVersion: readSchemaVersion(db),
        maxPageCount: db.pragma('max_page_count', { simple: true }) as number,
        maxBatchSize: MAX_GROUP_COMMIT_BATCH,
      };
    },
  };
}
