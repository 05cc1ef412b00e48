import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pause } from './countdown.js';

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await listening(port)) return;
    await pause(100);
  }
  throw new Error(
    `${what} did not start listening on 127.0.0.1:${port}; start it by hand and run again`,
  );
}

/** Starts the machine's Redis (the command the machine itself uses) unless it already runs. */
export async function ensureRedis(log: (line: string) => void): Promise<void> {
  if (await listening(6379)) return void log('Redis: already running on 127.0.0.1:6379');
  log('Redis: not running; starting it (redis-server --daemonize yes, no persistence)');
  execSync(
    `redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log`,
    { stdio: 'inherit' },
  );
  await waitForPort(6379, 'Redis');
}

/** Starts the machine's PostgreSQL cluster unless it already runs. */
export async function ensurePostgres(log: (line: string) => void): Promise<void> {
  if (await listening(5432)) return void log('PostgreSQL: already running on 127.0.0.1:5432');
  log('PostgreSQL: not running; starting it (pg_ctlcluster ... main start)');
  execSync(`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, {
    stdio: 'inherit',
    shell: '/bin/bash',
  });
  await waitForPort(5432, 'PostgreSQL');
}

/** A private Redis with appendfsync always, for BullMQ at durability equal to SQLite FULL. */
export interface PrivateRedis {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts a private redis-server on `port` with AOF fsync on every write; stopped by `stop`. */
export async function startFsyncRedis(port: number): Promise<PrivateRedis> {
  if (await listening(port))
    throw new Error(`port ${port} is taken; set BENCH_AOF_REDIS_PORT to a free one`);
  const dir = mkdtempSync(join(tmpdir(), 'wm-peers-redis-'));
  const child = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 'the private AOF Redis');
  return {
    port,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One setting of the machine's Redis (CONFIG GET), for the durability column. */
export function redisConfig(port: number, key: string): string {
  try {
    return (
      execSync(`redis-cli -h 127.0.0.1 -p ${port} config get ${key}`)
        .toString()
        .split('\n')[1]
        ?.trim() ?? '?'
    );
  } catch {
    return '?';
  }
}

/** One PostgreSQL setting (SHOW), for the durability column. */
export function postgresSetting(name: string): string {
  try {
    return execSync(`psql -h 127.0.0.1 -d test -Atc "show ${name}"`).toString().trim();
  } catch {
    return '?';
  }
}

/** Drops pg-boss's benchmark schema so that nothing is left in the shared database. */
export function dropPostgresSchema(schema: string): void {
  execSync(`psql -h 127.0.0.1 -d test -qc "drop schema if exists ${schema} cascade"`, {
    stdio: 'ignore',
  });
}
