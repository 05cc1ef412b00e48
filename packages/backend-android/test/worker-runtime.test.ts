import {
  Data,
  ERROR_OUTPUT_KEY,
  Result,
  StopReason,
  silentLogger,
  type WorkerContext,
} from '@workmanager-ts/core';
import { describe, expect, it } from 'vitest';
import { type RunRequest, type WireData, WorkerRuntime } from '../src/index.js';

const request = (overrides: Partial<RunRequest> = {}): RunRequest => ({
  runId: 'r1',
  workId: '00000000-0000-4000-8000-000000000001',
  workerName: 'upload',
  inputData: { url: 'https://x.test' },
  tags: ['upload', 'net'],
  runAttemptCount: 2,
  generation: 1,
  ...overrides,
});

const noProgress = { setProgress: async () => {} };

describe('WorkerRuntime', () => {
  it('runs the registered worker with a context like the core engine gives', async () => {
    let seen: WorkerContext | undefined;
    const runtime = new WorkerRuntime({
      upload: (ctx) => {
        seen = ctx;
        return Result.success({ done: true });
      },
    });
    const outcome = await runtime.handleRun(request(), noProgress);
    expect(outcome).toEqual({ type: 'success', outputData: { done: true } });
    expect(seen?.id).toBe('00000000-0000-4000-8000-000000000001');
    expect(seen?.inputData.equals(Data.from({ url: 'https://x.test' }))).toBe(true);
    expect([...(seen?.tags ?? [])]).toEqual(['upload', 'net']);
    expect(seen?.runAttemptCount).toBe(2);
    expect(seen?.generation).toBe(1);
    expect(seen?.stopReason).toBe(StopReason.NOT_STOPPED);
  });

  it('fails a run of an unknown worker with a clear wm.error output', async () => {
    const runtime = new WorkerRuntime({}, { logger: silentLogger });
    const outcome = await runtime.handleRun(request({ workerName: 'missing' }), noProgress);
    expect(outcome?.type).toBe('failure');
    expect(String(outcome?.outputData?.[ERROR_OUTPUT_KEY])).toContain(
      'No worker is registered under "missing"',
    );
  });

  it('C-ExceptionWorker: a worker that throws fails the run with the message in wm.error', async () => {
    const runtime = new WorkerRuntime(
      {
        upload: () => {
          throw new Error('disk full');
        },
      },
      { logger: silentLogger },
    );
    const outcome = await runtime.handleRun(request(), noProgress);
    expect(outcome).toEqual({
      type: 'failure',
      outputData: { [ERROR_OUTPUT_KEY]: 'Worker upload threw: disk full' },
    });
  });

  it('maps retry, failure with output, and a non-Result return', async () => {
    const runtime = new WorkerRuntime(
      {
        r: () => Result.retry(),
        f: () => Result.failure({ why: 'nope' }),
        x: () => 42 as never,
      },
      { logger: silentLogger },
    );
    expect(await runtime.handleRun(request({ workerName: 'r' }), noProgress)).toEqual({
      type: 'retry',
    });
    expect(await runtime.handleRun(request({ workerName: 'f' }), noProgress)).toEqual({
      type: 'failure',
      outputData: { why: 'nope' },
    });
    expect(await runtime.handleRun(request({ workerName: 'x' }), noProgress)).toEqual({
      type: 'failure',
      outputData: {},
    });
  });

  it('refuses user output keys with the reserved wm. prefix', async () => {
    const runtime = new WorkerRuntime(
      { upload: () => Result.success({ 'wm.json.x': 1 }) },
      { logger: silentLogger },
    );
    const outcome = await runtime.handleRun(request(), noProgress);
    expect(outcome?.type).toBe('failure');
    expect(String(outcome?.outputData?.[ERROR_OUTPUT_KEY])).toContain('reserved prefix');
  });

  it('aborts ctx.signal on stop and reports no outcome, since the native run is gone', async () => {
    let release: () => void = () => {};
    let ctxSeen: WorkerContext | undefined;
    const runtime = new WorkerRuntime({
      upload: (ctx) =>
        new Promise((resolve) => {
          ctxSeen = ctx;
          release = () => resolve(Result.success());
        }),
    });
    const pending = runtime.handleRun(request(), noProgress);
    expect(runtime.runningRunIds).toEqual(['r1']);
    expect(runtime.stopRun('r1', StopReason.CONSTRAINT_CONNECTIVITY)).toBe(true);
    expect(ctxSeen?.signal.aborted).toBe(true);
    expect(ctxSeen?.stopReason).toBe(StopReason.CONSTRAINT_CONNECTIVITY);
    expect(runtime.stopRun('r1', StopReason.USER)).toBe(false);
    release();
    expect(await pending).toBeNull();
    expect(runtime.runningRunIds).toEqual([]);
  });

  it('forwards setProgress after validating it', async () => {
    const sent: WireData[] = [];
    const runtime = new WorkerRuntime({
      upload: async (ctx) => {
        await ctx.setProgress({ percent: 40 });
        await expect(ctx.setProgress({ 'wm.x': 1 })).rejects.toMatchObject({
          code: 'INVALID_DATA',
        });
        await expect(ctx.setProgress({ blob: 'x'.repeat(11_000) })).rejects.toMatchObject({
          code: 'DATA_TOO_LARGE',
        });
        return Result.success();
      },
    });
    await runtime.handleRun(request(), { setProgress: async (p) => void sent.push(p) });
    expect(sent).toEqual([{ percent: 40 }]);
  });

  it('fails a run whose output is over the Data limit', async () => {
    const runtime = new WorkerRuntime(
      { upload: () => Result.success({ a: 'x'.repeat(6_000), b: 'y'.repeat(6_000) }) },
      { logger: silentLogger },
    );
    const outcome = await runtime.handleRun(request(), noProgress);
    expect(outcome?.type).toBe('failure');
  });
});
