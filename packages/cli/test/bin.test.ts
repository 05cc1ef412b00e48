import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WorkView } from '../src/work-view.js';
import { cli, killLiveClis, tempFolder } from './cli-process.js';

const folder = tempFolder('wm-bin');
afterEach(killLiveClis);
afterAll(() => folder.remove());

describe('the workmanager bin (a real process per call)', () => {
  it('CLI-06 runs the TypeScript sources without a build: stdout, stderr and exit codes reach the shell', async () => {
    const db = join(folder.path, 'bin.db');
    const enqueued = await cli(['enqueue', 'hello', '--db', db, '--input', '{"who":"world"}']);
    expect(enqueued.code).toBe(0);
    expect(enqueued.stdout).toMatch(/^enqueued [0-9a-f-]{36} {2}hello {2}ENQUEUED\n$/);
    const [listed, missing, usage, viaEnv] = await Promise.all([
      cli(['list', '--db', db, '--json']),
      cli(['show', 'nope', '--db', db]),
      cli(['enqueue']),
      cli(['stats', '--json'], { WORK_DB: db }),
    ]);
    expect(listed.code).toBe(0);
    const works = JSON.parse(listed.stdout) as WorkView[];
    expect(works.map((w) => [w.worker, w.input])).toEqual([['hello', { who: 'world' }]]);
    expect(missing).toMatchObject({ code: 3, stdout: '' });
    expect(missing.stderr).toMatch(/^workmanager: WORK_NOT_FOUND: No work with id nope/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^workmanager: USAGE: missing required argument 'worker'/);
    expect(JSON.parse(viaEnv.stdout)).toMatchObject({ total: 1 });
  });
});
