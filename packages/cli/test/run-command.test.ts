import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WorkView } from '../src/work-view.js';
import { cliInProcess, killLiveClis, startCli, TEST_WORKERS, tempFolder } from './cli-process.js';

const folder = tempFolder('wm-run');
afterEach(killLiveClis);
afterAll(() => folder.remove());

let n = 0;
const freshDb = (): string => join(folder.path, `run-${++n}.db`);

async function enqueue(db: string, ...args: string[]): Promise<string> {
  const result = await cliInProcess(['enqueue', ...args, '--db', db, '--json']);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { enqueued: WorkView[] }).enqueued[0]!.id;
}

async function work(db: string, id: string): Promise<WorkView> {
  const result = await cliInProcess(['show', id, '--db', db, '--json']);
  return (JSON.parse(result.stdout) as { work: WorkView }).work;
}

describe('workmanager run: a worker process and its shutdown', () => {
  it('CLI-07 SIGINT: takes no new work, lets the running work finish, exits 0', async () => {
    const db = freshDb();
    const running = await enqueue(db, 'untilSigint');
    const waiting = await enqueue(db, 'quick');
    const run = startCli(['run', TEST_WORKERS, '--db', db, '--concurrency', '1']);
    await run.waitForLine(new RegExp(`^worker-started ${running}$`));
    run.child.kill('SIGINT');
    const result = await run.exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^stopping \(SIGINT\): taking no new work; waiting up to 30s for 1 running work/m,
    );
    expect(result.stdout).toMatch(/^stopped$/m);
    const finished = await work(db, running);
    expect(finished.state).toBe('SUCCEEDED');
    expect(finished.output).toEqual({ finished: 'after SIGINT' });
    // The slot the finished run freed was not used: no new work after the signal.
    expect(await work(db, waiting)).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 0 });
  });

  it('CLI-08 SIGTERM with a short grace period: the run is stopped with SYSTEM_PROCESSING and re-enqueued', async () => {
    const db = freshDb();
    const id = await enqueue(db, 'untilStopped');
    const run = startCli(['run', TEST_WORKERS, '--db', db, '--grace', '150ms']);
    await run.waitForLine(new RegExp(`^worker-started ${id}$`));
    run.child.kill('SIGTERM');
    const result = await run.exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^stopping \(SIGTERM\)/m);
    expect(result.stdout).toMatch(
      /^grace period over: stopping 1 running work with SYSTEM_PROCESSING$/m,
    );
    expect(result.stdout).toMatch(new RegExp(`^worker-stopped ${id} 14$`, 'm'));
    expect(await work(db, id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
      stopReason: 14,
      stopReasonName: 'SYSTEM_PROCESSING',
    });
  });

  it('CLI-09 a second signal stops at once with exit code 130', async () => {
    const db = freshDb();
    const id = await enqueue(db, 'untilStopped');
    const run = startCli(['run', TEST_WORKERS, '--db', db, '--grace', '1h']);
    await run.waitForLine(new RegExp(`^worker-started ${id}$`));
    run.child.kill('SIGINT');
    await run.waitForLine(/^stopping \(SIGINT\): .* waiting up to 1h for 1 running work/);
    run.child.kill('SIGINT');
    const result = await run.exited;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/^stopping at once \(SIGINT\)/m);
    expect(result.stdout).toMatch(/^stopped at once$/m);
    expect(await work(db, id)).toMatchObject({ state: 'ENQUEUED', stopReason: 14 });
  });

  it('CLI-10 runs work, logs each state change, and stops a run another process cancelled', async () => {
    const db = freshDb();
    const quick = await enqueue(db, 'quick', '--input', '{"value":"hi"}');
    const failing = await enqueue(db, 'fail');
    const long = await enqueue(db, 'untilStopped');
    const run = startCli(['run', TEST_WORKERS, '--db', db]);
    await run.waitForLine(/^ready: running quick, fail, untilSigint, untilStopped, progress from /);
    await run.waitForLine(new RegExp(`SUCCEEDED +${quick} {2}quick$`));
    await run.waitForLine(new RegExp(`FAILED +${failing} {2}fail$`));
    await run.waitForLine(new RegExp(`^worker-started ${long}$`));
    const cancelled = await cliInProcess(['cancel', '--id', long, '--db', db]);
    expect(cancelled.stdout).toMatch(/^cancelled 1 work$/m);
    // The run process notices the cancel and aborts its worker with CANCELLED_BY_APP (1).
    await run.waitForLine(new RegExp(`^worker-stopped ${long} 1$`));
    await run.waitForLine(new RegExp(`CANCELLED +${long} {2}untilStopped$`));
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(0);
    expect(await work(db, quick)).toMatchObject({ state: 'SUCCEEDED', output: { echoed: 'hi' } });
    expect(await work(db, failing)).toMatchObject({
      state: 'FAILED',
      output: { reason: 'asked to fail' },
    });
    expect(await work(db, long)).toMatchObject({ state: 'CANCELLED', stopReason: 1 });
  });
});
