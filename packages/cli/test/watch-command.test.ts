import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cliInProcess, killLiveClis, startCli, tempFolder } from './cli-process.js';

const folder = tempFolder('wm-watch');
afterEach(killLiveClis);
afterAll(() => folder.remove());

describe('workmanager watch', () => {
  it('CLI-18 prints a new frame when another process enqueues or cancels; exits 0 on SIGINT', async () => {
    const db = join(folder.path, 'watch.db');
    await cliInProcess(['enqueue', 'first', '--db', db]);
    const watch = startCli(['watch', '--db', db, '--json']);
    const initial = JSON.parse(await watch.waitForLine(/^\{"version":0,/));
    expect(initial.stats.total).toBe(1);
    const enqueued = await cliInProcess(['enqueue', 'second', '--db', db, '--tag', 'live']);
    const id = /^enqueued (\S+)/.exec(enqueued.stdout)![1]!;
    const added = JSON.parse(
      await watch.waitForLine(new RegExp(`"id":"${id}","worker":"second","state":"ENQUEUED"`)),
    );
    expect(added.stats.counts.ENQUEUED).toBe(2);
    await cliInProcess(['cancel', '--id', id, '--db', db]);
    await watch.waitForLine(new RegExp(`"id":"${id}","worker":"second","state":"CANCELLED"`));
    watch.child.kill('SIGINT');
    expect((await watch.exited).code).toBe(0);
  });
});
