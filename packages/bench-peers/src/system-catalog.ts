import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BenchSystem, SystemDescription } from './bench-system.js';
import { postgresSetting, redisConfig } from './services.js';
import { bullmqRedis } from './systems/bullmq-redis.js';
import { LITEQUE_POLL_MS, litequeSqlite } from './systems/liteque-sqlite.js';
import { PG_BOSS_BATCH, PG_BOSS_POLL_SECONDS, pgBossPostgres } from './systems/pg-boss-postgres.js';
import { PLAINJOB_POLL_MS, plainjobSqlite } from './systems/plainjob-sqlite.js';
import { describeWorkmanagerSqlite, workmanagerSqlite } from './systems/workmanager-sqlite.js';

/** Port of the private Redis with `appendfsync always` (BullMQ at equal durability). */
export const AOF_REDIS_PORT = Number(process.env.BENCH_AOF_REDIS_PORT ?? 6390);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const require = createRequire(import.meta.url);

/** The installed version of a package, read from its package.json. */
export function versionOf(pkg: string): string {
  try {
    const main = require.resolve(pkg);
    const root = main.slice(
      0,
      main.lastIndexOf(`node_modules/${pkg}/`) + `node_modules/${pkg}/`.length,
    );
    return (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** Every system, described for the report; the first is the baseline the ratios divide by. */
export function describeSystems(): SystemDescription[] {
  const redisDurability = (port: number) => {
    const aof = redisConfig(port, 'appendonly');
    const fsync = redisConfig(port, 'appendfsync');
    const save = redisConfig(port, 'save');
    return aof === 'yes'
      ? `Redis AOF, appendfsync ${fsync}${fsync === 'always' ? ': every write fsynced before the reply' : ''}`
      : `none: Redis in memory (appendonly ${aof}, save '${save}'); a Redis restart loses every job`;
  };
  const pg = `PostgreSQL ${postgresSetting('server_version')}, fsync=${postgresSetting('fsync')}, synchronous_commit=${postgresSetting('synchronous_commit')}`;
  return [
    describeWorkmanagerSqlite('full'),
    describeWorkmanagerSqlite('normal'),
    {
      id: 'bullmq',
      label: `BullMQ ${versionOf('bullmq')} (Redis :6379)`,
      durability: redisDurability(6379),
      settings:
        'Worker concurrency = concurrency; addBulk; FlowProducer for chains; backoff fixed 10 ms',
      sizeDivisor: 1,
      maxLatencySamples: Number.POSITIVE_INFINITY,
      compareWith: 'workmanager-normal',
    },
    {
      id: 'bullmq-aof',
      label: `BullMQ ${versionOf('bullmq')} (Redis AOF always, :${AOF_REDIS_PORT})`,
      durability: `Redis AOF, appendfsync always: every write fsynced before the reply (a private redis-server started by this benchmark)`,
      settings: 'as BullMQ above',
      sizeDivisor: 1,
      maxLatencySamples: Number.POSITIVE_INFINITY,
      compareWith: 'workmanager-full',
    },
    {
      id: 'plainjob',
      label: `plainjob ${versionOf('plainjob')}`,
      durability: 'SQLite WAL, synchronous=NORMAL (set by plainjob)',
      settings: `concurrency = that many workers on one queue (a plainjob worker runs one job at a time); poll ${PLAINJOB_POLL_MS} ms; no retry, no dependencies`,
      sizeDivisor: 1,
      maxLatencySamples: Number.POSITIVE_INFINITY,
      compareWith: 'workmanager-normal',
    },
    {
      id: 'liteque',
      label: `liteque ${versionOf('liteque')}`,
      durability: 'SQLite WAL, synchronous=NORMAL (set by liteque)',
      settings: `Runner concurrency = concurrency; poll ${LITEQUE_POLL_MS} ms; no bulk add, no dependencies; retry via RetryAfterError(10 ms); sizes / 4; on better-sqlite3 ${versionOf('better-sqlite3-v11')} (liteque's async drizzle transactions are refused by better-sqlite3 11.10+; on 11.9 the transaction commits at the callback's first await, so its claim is not atomic, as liteque ships)`,
      sizeDivisor: 4,
      maxLatencySamples: Number.POSITIVE_INFINITY,
      compareWith: 'workmanager-normal',
    },
    {
      id: 'pg-boss',
      label: `pg-boss ${versionOf('pg-boss')}`,
      durability: pg,
      settings: `concurrency = that many work() loops, batchSize ${PG_BOSS_BATCH} (1 for latency); polling ${PG_BOSS_POLL_SECONDS} s (its minimum); retryDelay 1 s (its minimum); no dependencies; sizes / 4, latency 40 samples`,
      sizeDivisor: 4,
      maxLatencySamples: 40,
      compareWith: 'workmanager-full',
    },
  ];
}

/** Creates the adapter for a system id (in the measuring child process). */
export function createSystem(id: string): BenchSystem {
  switch (id) {
    case 'workmanager-full':
      return workmanagerSqlite('full');
    case 'workmanager-normal':
      return workmanagerSqlite('normal');
    case 'bullmq':
      return bullmqRedis({ host: '127.0.0.1', port: 6379 });
    case 'bullmq-aof':
      return bullmqRedis({ host: '127.0.0.1', port: AOF_REDIS_PORT });
    case 'plainjob':
      return plainjobSqlite();
    case 'liteque':
      return litequeSqlite();
    case 'pg-boss':
      return pgBossPostgres(PG_URL);
    default:
      throw new Error(`unknown system '${id}'; BENCH_SYSTEMS takes ids from describeSystems()`);
  }
}
