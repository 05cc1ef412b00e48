/**
 * @workmanager-ts/backend-postgres — WorkManager on PostgreSQL: many processes on many
 * machines share one store.
 */
export { LATEST_SCHEMA_VERSION } from './postgres/schema-migrations.js';
export {
  type PostgresStoreOptions,
  type PostgresWorkStore,
  postgresStore,
} from './postgres-store.js';
