import {
  consoleLogger,
  type Logger,
  randomWorkId,
  sessionTransactionRunner,
  WorkError,
  type WorkStore,
  workStoreFromTransactions,
} from '@workmanager-ts/core';
import pg from 'pg';
import { ChangeListener } from './postgres/change-listener.js';
import { toWorkError } from './postgres/postgres-error-mapping.js';
import { PostgresRowBackend } from './postgres/postgres-row-backend.js';
import { migrateSchema } from './postgres/schema-migrations.js';

export interface PostgresStoreOptions {
  /** Where the server is, e.g. `postgres://user@host:5432/db`; or give `pool`. */
  readonly connectionString?: string;
  /** An existing pg Pool to use (not ended by `close()`); or give `connectionString`. */
  readonly pool?: pg.Pool;
  /** Connections of the pool this store creates (default 10). */
  readonly poolSize?: number;
  /**
   * Write transactions open at once (default 2); calls arriving
   * meanwhile share the next one (group commit, one WAL flush for many calls).
   */
  readonly writeLanes?: number;
  /** The schema the tables live in (created if missing; default `workmanager`). */
  readonly schema?: string;
  readonly logger?: Logger;
}

/** The PostgreSQL store, with what a caller may need beside the WorkStore port. */
export interface PostgresWorkStore extends WorkStore {
  /** The pool the store runs on (for the application's own transactions, too). */
  readonly pool: pg.Pool;
  readonly schema: string;
  /** Resolves once the schema is migrated and LISTEN is in place; rejects if it cannot be. */
  ready(): Promise<void>;
}

/**
 * A WorkStore on PostgreSQL, shared by any number of processes on any number of machines.
 * The core's store operations run through a snapshot over locked rows, due work is claimed
 * with `FOR UPDATE SKIP LOCKED`, engines are woken across processes by LISTEN/NOTIFY (the
 * engine's poll is the fallback), and an enqueue can join the caller's own transaction.
 */
export function postgresStore(options: PostgresStoreOptions): PostgresWorkStore {
  const logger = options.logger ?? consoleLogger;
  const schema = options.schema ?? 'workmanager';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new WorkError(
      'INVALID_REQUEST',
      `Schema name "${schema}" is not a plain SQL identifier: use letters, digits and _.`,
    );
  }
  if (!options.pool && !options.connectionString) {
    throw new WorkError(
      'INVALID_REQUEST',
      'postgresStore needs a connectionString (e.g. postgres://user@localhost/db) or a pg Pool.',
    );
  }
  const ownsPool = !options.pool;
  const pool =
    options.pool ??
    new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
  pool.on('error', (error) =>
    logger.error('PostgreSQL connection failed', { error: String(error) }),
  );
  const channel = `workmanager_${schema}`;
  const instance = randomWorkId();
  const listener = new ChangeListener(
    () => new pg.Client(ownsPool ? { connectionString: options.connectionString } : pool.options),
    channel,
    instance,
    (error) =>
      logger.warn('LISTEN connection lost; polling until it is back', { error: String(error) }),
  );

  let migrated: Promise<void> | null = null;
  const migrate = (): Promise<void> =>
    (migrated ??= (async () => {
      const client = await pool.connect();
      try {
        await migrateSchema(client, schema);
      } catch (error) {
        migrated = null; // the next call tries again (e.g. the server was still starting)
        throw toWorkError(error);
      } finally {
        client.release();
      }
    })());

  const lanes = options.writeLanes ?? 2;
  const backend = new PostgresRowBackend(pool, schema, channel, instance, migrate, async () => {
    await listener.close();
    if (ownsPool) await pool.end();
  });

  const store = workStoreFromTransactions(sessionTransactionRunner(backend, { lanes }), {
    logger,
  });
  return {
    ...store,
    pool,
    schema,
    watchChanges: (listen) => listener.subscribe(listen),
    async ready() {
      await migrate();
      await listener.ready();
    },
  };
}
