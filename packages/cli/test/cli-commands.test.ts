import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkChain } from '../src/work-chain.js';
import type { WorkStats } from '../src/work-stats.js';
import type { WorkView } from '../src/work-view.js';
import { cliInProcess as cli, tempFolder } from './cli-process.js';

const folder = tempFolder('wm-cli');
afterAll(() => folder.remove());

/** Runs a command that prints JSON and parses its stdout; fails the test on a non-zero exit. */
async function cliJson<T>(args: readonly string[]): Promise<T> {
  const result = await cli([...args, '--json']);
  if (result.code !== 0) {
    throw new Error(`workmanager ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}

let n = 0;
const freshDb = (): string => join(folder.path, `cli-${++n}.db`);

describe('workmanager commands against a SQLite file (in process)', () => {
  it('CLI-01 enqueue a chain, list it, show it with its chain, count it', async () => {
    const db = freshDb();
    const enqueued = await cli([
      'enqueue',
      'download',
      '--db',
      db,
      '--input',
      '{"url":"cat.jpg","size":64}',
      '--tag',
      'photos',
      '--tag',
      'batch-1',
      '--then',
      'resize',
      '--then',
      'upload',
    ]);
    expect(enqueued.code).toBe(0);
    expect(enqueued.stderr).toBe('');
    const lines = enqueued.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^enqueued [0-9a-f-]{36} {2}download {2}ENQUEUED$/);
    expect(lines[1]).toMatch(/resize {2}BLOCKED$/);

    const [listed, stats, text] = await Promise.all([
      cliJson<WorkView[]>(['list', '--db', db]),
      cliJson<WorkStats>(['stats', '--db', db]),
      cli(['list', '--db', db]),
    ]);
    expect(listed.map((w) => [w.worker, w.state])).toEqual([
      ['download', 'ENQUEUED'],
      ['resize', 'BLOCKED'],
      ['upload', 'BLOCKED'],
    ]);
    expect(listed[0]!.input).toEqual({ url: 'cat.jpg', size: 64 });
    expect(listed[0]!.tags).toEqual(['photos', 'batch-1']);
    expect(listed[1]!.prerequisites).toEqual([listed[0]!.id]);
    expect(stats).toEqual({
      total: 3,
      counts: { ENQUEUED: 1, RUNNING: 0, SUCCEEDED: 0, FAILED: 0, BLOCKED: 2, CANCELLED: 0 },
    });
    expect(text.stdout).toMatch(/^ID +WORKER +STATE +ATTEMPTS +NEXT RUN +TAGS +UNIQUE NAME$/m);
    expect(text.stdout).toContain(listed[2]!.id);

    const middle = listed[1]!.id;
    const shown = await cliJson<{ work: WorkView; chain: WorkChain }>(['show', middle, '--db', db]);
    expect(shown.work.id).toBe(middle);
    expect(shown.chain.nodes.map((node) => [node.work.worker, node.level])).toEqual([
      ['download', 0],
      ['resize', 1],
      ['upload', 2],
    ]);
    expect(shown.chain.edges).toEqual([
      { from: listed[0]!.id, to: middle },
      { from: middle, to: listed[2]!.id },
    ]);
    const shownText = await cli(['show', middle, '--db', db]);
    expect(shownText.stdout).toMatch(/^state +BLOCKED$/m);
    expect(shownText.stdout).toContain('chain (3 works):');
    expect(shownText.stdout).toMatch(
      new RegExp(`^\\* +${middle} {2}resize {2}BLOCKED {2}after `, 'm'),
    );
  });

  it('CLI-02 list filters by state, tag and unique name; periodic unique work with KEEP', async () => {
    const db = freshDb();
    const first = await cliJson<{ enqueued: WorkView[] }>([
      'enqueue',
      'report',
      '--db',
      db,
      '--periodic',
      '1h',
      '--flex',
      '15m',
      '--unique',
      'hourly-report',
    ]);
    expect(first.enqueued).toHaveLength(1);
    expect(first.enqueued[0]!.periodic).toEqual({
      intervalMillis: 3_600_000,
      flexMillis: 900_000,
      periodCount: 0,
    });
    const kept = await cli([
      'enqueue',
      'report',
      '--db',
      db,
      '--periodic',
      '2h',
      '--unique',
      'hourly-report',
      '--policy',
      'keep',
    ]);
    expect(kept.code).toBe(0);
    expect(kept.stdout.trim()).toBe(
      'kept the existing unique work "hourly-report": nothing enqueued',
    );
    await cli(['enqueue', 'mail', '--db', db, '--tag', 'urgent', '--delay', '1h30m']);
    const [byName, byTag, blocked, enqueued] = await Promise.all([
      cliJson<WorkView[]>(['list', '--db', db, '--name', 'hourly-report']),
      cliJson<WorkView[]>(['list', '--db', db, '--tag', 'urgent']),
      cliJson<WorkView[]>(['list', '--db', db, '--state', 'blocked']),
      cliJson<WorkView[]>(['list', '--db', db, '--state', 'ENQUEUED,running']),
    ]);
    expect(byName.map((w) => w.id)).toEqual([first.enqueued[0]!.id]);
    expect(byTag.map((w) => w.worker)).toEqual(['mail']);
    expect(byTag[0]!.nextRunAt! - byTag[0]!.lastEnqueueTime!).toBe(90 * 60_000);
    expect(blocked).toEqual([]);
    expect(enqueued).toHaveLength(2);
  });

  it('CLI-03 cancel by id, tag, name and all; prune; each reports exactly what it changed', async () => {
    const db = freshDb();
    const chain = await cliJson<{ enqueued: WorkView[] }>([
      'enqueue',
      'a',
      '--db',
      db,
      '--then',
      'b',
    ]);
    await cli(['enqueue', 'c', '--db', db, '--tag', 'nightly']);
    await cli(['enqueue', 'd', '--db', db, '--unique', 'sync']);
    await cli(['enqueue', 'e', '--db', db]);
    const byId = await cliJson<{ cancelled: string[] }>([
      'cancel',
      '--db',
      db,
      '--id',
      chain.enqueued[0]!.id,
    ]);
    expect(byId.cancelled).toEqual(chain.enqueued.map((w) => w.id)); // the dependent too
    const byTag = await cli(['cancel', '--db', db, '--tag', 'nightly']);
    expect(byTag.stdout).toMatch(/^cancelled 1 work$/m);
    const byName = await cliJson<{ cancelled: string[] }>(['cancel', '--db', db, '--name', 'sync']);
    expect(byName.cancelled).toHaveLength(1);
    const all = await cliJson<{ cancelled: string[] }>(['cancel', '--db', db, '--all']);
    expect(all.cancelled).toHaveLength(1);
    const stats = await cliJson<WorkStats>(['stats', '--db', db]);
    expect(stats.counts.CANCELLED).toBe(5);
    const pruned = await cli(['prune', '--db', db]);
    expect(pruned.stdout.trim()).toBe('pruned 5 finished works');
    expect(await cliJson<WorkView[]>(['list', '--db', db])).toEqual([]);
    expect((await cli(['list', '--db', db])).stdout.trim()).toBe('no work matches');
  });

  it('CLI-04 errors go to stderr with the WorkError code, what to do, and the documented exit code', async () => {
    const db = freshDb();
    await cli(['enqueue', 'a', '--db', db]);
    const cases: [string[], number, RegExp][] = [
      [
        ['show', 'no-such-id', '--db', db],
        3,
        /^workmanager: WORK_NOT_FOUND: No work with id no-such-id: list ids with/,
      ],
      [
        ['list', '--db', join(folder.path, 'missing.db')],
        4,
        /^workmanager: STORE_FAILURE: No work database at .*missing\.db: pass --db/,
      ],
      [
        ['enqueue', 'a', '--db', db, '--input', '{bad'],
        2,
        /^workmanager: INVALID_REQUEST: --input is not valid JSON/,
      ],
      [
        ['enqueue', 'a', '--db', db, '--input', '{"nested":{"x":1}}'],
        2,
        /^workmanager: INVALID_DATA: /,
      ],
      [
        ['enqueue', 'a', '--db', db, '--delay', '5 minutes'],
        2,
        /^workmanager: INVALID_REQUEST: --delay must be a duration/,
      ],
      [
        ['enqueue', 'a', '--db', db, '--policy', 'KEEP'],
        2,
        /^workmanager: INVALID_REQUEST: --policy needs --unique/,
      ],
      [
        ['enqueue', 'a', '--db', db, '--unique', 'u', '--policy', 'SOMETIMES'],
        2,
        /^workmanager: INVALID_REQUEST: Unknown policy SOMETIMES/,
      ],
      [
        ['enqueue', 'a', '--db', db, '--periodic', '1h', '--then', 'b'],
        2,
        /^workmanager: INVALID_REQUEST: Periodic work cannot be part of a chain/,
      ],
      [['enqueue', 'wm.secret', '--db', db], 2, /^workmanager: INVALID_REQUEST: /],
      [
        ['list', '--db', db, '--state', 'DONE'],
        2,
        /^workmanager: INVALID_QUERY: Unknown state "DONE": use one of ENQUEUED/,
      ],
      [['cancel', '--db', db], 2, /^workmanager: INVALID_REQUEST: cancel takes exactly one of/],
      [
        ['cancel', '--db', db, '--tag', 't', '--all'],
        2,
        /^workmanager: INVALID_REQUEST: cancel takes exactly one of/,
      ],
      [['frobnicate'], 2, /^workmanager: USAGE: unknown command 'frobnicate'/],
      [['list', '--db', db, '--colour'], 2, /^workmanager: USAGE: unknown option '--colour'/],
      [
        ['run', join(folder.path, 'nowhere.ts'), '--db', db],
        2,
        /^workmanager: INVALID_REQUEST: Cannot load the workers module/,
      ],
      [
        ['run', 'package.json', '--db', db],
        2,
        /^workmanager: INVALID_REQUEST: package\.json must export "workers"/,
      ],
      [
        ['dashboard', '--db', db, '--host', '0.0.0.0'],
        2,
        /^workmanager: INVALID_REQUEST: Refusing to serve the dashboard on 0\.0\.0\.0 without a token/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    results.forEach((result, i) => {
      const [args, code, message] = cases[i]!;
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    });
    const json = await cli(['show', 'no-such-id', '--db', db, '--json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stderr)).toEqual({
      error: {
        code: 'WORK_NOT_FOUND',
        message: expect.stringContaining('No work with id no-such-id'),
      },
    });
  });

  it('CLI-05 --help documents the exit codes; --version prints the version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}3 {4}no such work \(WORK_NOT_FOUND\)$/m);
    expect(help.stdout).toContain('dashboard [options]');
    const version = await cli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
});
