import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteTransactionRunner } from '../../src/sqlite/sqlite-transaction-runner.js';
import { sqliteTestFolder } from './sqlite-test-database.js';

const inserter = fileURLToPath(new URL('./fixtures/insert-until-killed.ts', import.meta.url));

describe('SQLite store and a process killed mid-write', () => {
  let folder: ReturnType<typeof sqliteTestFolder>;
  beforeEach(() => {
    folder = sqliteTestFolder();
  });
  afterEach(() => folder.remove());

  it('keeps every acknowledged work after SIGKILL, and the file opens cleanly', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', inserter, folder.file()],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const acknowledged: string[] = [];
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      acknowledged.push(...lines);
      // Kill it while it is writing, once a good number of calls were acknowledged.
      if (acknowledged.length >= 500) child.kill('SIGKILL');
    });
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGKILL');

    const runner = sqliteTransactionRunner({ filename: folder.file() });
    const stored = await runner.transact((tx) => tx.findWorks({}));
    const storedIds = new Set(stored.map((w) => w.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(500);
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(stored.every((w) => w.input.get('id') === w.id)).toBe(true);
    await runner.close();
  }, 30_000);
});
