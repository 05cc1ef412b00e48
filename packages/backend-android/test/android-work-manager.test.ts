import {
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  Result,
  StopReason,
  silentLogger,
  type WorkInfo,
} from '@workmanager-ts/core';
import { describe, expect, it } from 'vitest';
import { createAndroidWorkManager, type WireWorkInfo } from '../src/index.js';
import { flush, ScriptedTransport } from './support/scripted-transport.js';

const ID = '00000000-0000-4000-8000-000000000001';
const wireInfo = (overrides: Partial<WireWorkInfo> = {}): WireWorkInfo => ({
  id: ID,
  state: 'ENQUEUED',
  tags: ['upload'],
  workerName: 'upload',
  uniqueName: null,
  outputData: {},
  progress: {},
  runAttemptCount: 0,
  generation: 0,
  initialDelayMillis: 0,
  nextScheduleTimeMillis: 1_000,
  periodicity: null,
  constraints: {
    network: 'NOT_REQUIRED',
    requiresCharging: false,
    requiresBatteryNotLow: false,
    requiresDeviceIdle: false,
    requiresStorageNotLow: false,
  },
  stopReason: -256,
  ...overrides,
});

const setup = (workers = {}) => {
  const transport = new ScriptedTransport();
  const wm = createAndroidWorkManager({ transport, workers, logger: silentLogger });
  return { transport, wm };
};

describe('createAndroidWorkManager', () => {
  it('says hello once, with the protocol version and the registered worker names', async () => {
    const { transport, wm } = setup({ upload: () => Result.success() });
    await wm.enqueue(OneTimeWorkRequest.from('upload'));
    await wm.cancelAllWork();
    expect(transport.requests.map((r) => r.method)).toEqual(['hello', 'enqueue', 'cancelAllWork']);
    expect(transport.requests[0]!.params).toEqual({
      protocolVersions: [1],
      workerNames: ['upload'],
    });
    expect(transport.requests.every((r) => r.v === 1)).toBe(true);
  });

  it('generates UUID ids in TypeScript, so they are known before enqueue resolves', async () => {
    const { transport, wm } = setup();
    const request = OneTimeWorkRequest.from('upload');
    await wm.enqueue(request);
    const sent = transport.calls('enqueue')[0]!.params as { requests: { id: string }[] };
    expect(sent.requests[0]!.id).toBe(request.id);
    expect(request.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects invalid work before anything reaches the device', async () => {
    const { transport, wm } = setup();
    await expect(
      wm.enqueue(OneTimeWorkRequest.from('upload', { id: 'not-a-uuid' })),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await expect(
      wm.enqueue(OneTimeWorkRequest.from('upload', { input: { 'wm.worker': 'x' } })),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
    });
    await expect(wm.enqueue([])).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(() => OneTimeWorkRequest.from('upload', { tags: ['wm.unique:x'] })).toThrow(
      /reserved prefix/,
    );
    const periodic = PeriodicWorkRequest.from(
      'sync',
      { repeatInterval: { hours: 1 } },
      { logger: silentLogger },
    );
    expect(() => wm.beginWith(periodic)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONTINUATION' }),
    );
    await expect(wm.getWorkInfos({})).rejects.toMatchObject({ code: 'INVALID_QUERY' });
    expect(transport.calls()).toEqual([]);
  });

  it('BLD-15: expedited work with an initial delay is refused by core before the bridge', async () => {
    const { transport } = setup();
    expect(() =>
      OneTimeWorkRequest.from('upload', {
        expedited: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
        initialDelay: 10_000,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(transport.calls()).toEqual([]);
  });

  it('refuses a continuation with a cycle before anything is sent, as core does', async () => {
    const { transport, wm } = setup();
    const a = OneTimeWorkRequest.from('a');
    const cyclic = wm.beginWith(a).then(OneTimeWorkRequest.from('b')).then(a);
    await expect(cyclic.enqueue()).rejects.toMatchObject({ code: 'INVALID_CONTINUATION' });
    expect(transport.calls()).toEqual([]);
  });

  it('enqueues a continuation once, and a later then() refers to the enqueued level', async () => {
    const { transport, wm } = setup();
    const first = wm.beginWith(OneTimeWorkRequest.from('a'));
    await first.enqueue();
    await first.enqueue();
    await first.then(OneTimeWorkRequest.from('b')).enqueue();
    const chains = transport
      .calls('enqueueChain')
      .map((c) => (c.params as { levels: { levelId: string; parentLevelIds: string[] }[] }).levels);
    expect(chains).toHaveLength(2);
    expect(chains[1]).toHaveLength(1);
    expect(chains[1]![0]!.parentLevelIds).toEqual([chains[0]![0]!.levelId]);
  });

  it('decodes all six states and maps the native error detail WORK_NOT_FOUND', async () => {
    const { transport, wm } = setup();
    const states = ['ENQUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'BLOCKED', 'CANCELLED'] as const;
    transport.reply = (r) =>
      r.method === 'getWorkInfos'
        ? { result: { infos: states.map((state) => wireInfo({ state })) } }
        : { error: { code: 'INVALID_ARGUMENT', details: { workErrorCode: 'WORK_NOT_FOUND' } } };
    const infos = await wm.getWorkInfosByTag('upload');
    expect(infos.map((i) => i.state)).toEqual([...states]);
    await expect(wm.updateWork(OneTimeWorkRequest.from('upload'))).rejects.toMatchObject({
      code: 'WORK_NOT_FOUND',
    });
  });

  it('observes through a native subscription, emitting distinct snapshots only', async () => {
    const { transport, wm } = setup();
    const seen: (WorkInfo | null)[] = [];
    const subscription = wm.observeWorkInfoById(ID).subscribe((info) => seen.push(info));
    await flush();
    const subscribe = transport.calls('subscribe')[0]!.params as {
      subscriptionId: string;
      query: unknown;
    };
    expect(subscribe.query).toEqual({ ids: [ID] });
    const snapshot = (infos: WireWorkInfo[]) =>
      transport.emit({ type: 'workInfos', subscriptionId: subscribe.subscriptionId, infos });
    snapshot([]);
    snapshot([wireInfo()]);
    snapshot([wireInfo()]);
    snapshot([wireInfo({ state: 'RUNNING', nextScheduleTimeMillis: null })]);
    transport.emit({
      type: 'workInfos',
      subscriptionId: 'someone-else',
      infos: [wireInfo({ state: 'FAILED' })],
    });
    expect(seen.map((i) => i?.state ?? null)).toEqual([null, 'ENQUEUED', 'RUNNING']);
    expect(seen[2]!.nextScheduleTimeMillis).toBe(Number.POSITIVE_INFINITY);
    subscription.unsubscribe();
    await flush();
    expect(transport.calls('unsubscribe')[0]!.params).toEqual({
      subscriptionId: subscribe.subscriptionId,
    });
  });

  it('says hello again and re-subscribes after a native sessionReset', async () => {
    const { transport, wm } = setup();
    const subscription = wm.observeWorkInfosByTag('upload').subscribe(() => {});
    await flush();
    transport.emit({ type: 'sessionReset' });
    await flush();
    expect(transport.requests.filter((r) => r.method === 'hello')).toHaveLength(2);
    const ids = transport
      .calls('subscribe')
      .map((c) => (c.params as { subscriptionId: string }).subscriptionId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    subscription.unsubscribe();
  });

  it('runs a requested run and completes it; a stopped run aborts and is not completed', async () => {
    const releases: (() => void)[] = [];
    const signals: AbortSignal[] = [];
    const { transport } = setup({
      upload: (ctx: { signal: AbortSignal; setProgress: (p: object) => Promise<void> }) =>
        new Promise((resolve) => {
          signals.push(ctx.signal);
          void ctx.setProgress({ percent: 10 });
          releases.push(() => resolve(Result.success({ ok: true })));
        }),
    });
    const run = {
      workId: ID,
      workerName: 'upload',
      inputData: {},
      tags: ['upload'],
      runAttemptCount: 0,
      generation: 0,
    };
    transport.emit({ type: 'runRequested', runId: 'r1', ...run });
    transport.emit({ type: 'runRequested', runId: 'r2', ...run });
    await flush();
    transport.emit({ type: 'runStopped', runId: 'r2', stopReason: StopReason.CANCELLED_BY_APP });
    expect(signals.map((s) => s.aborted)).toEqual([false, true]);
    for (const release of releases) release();
    await flush();
    expect(transport.calls('setProgress').map((c) => c.params)).toEqual([
      { runId: 'r1', progress: { percent: 10 } },
      { runId: 'r2', progress: { percent: 10 } },
    ]);
    expect(transport.calls('completeRun').map((c) => c.params)).toEqual([
      { runId: 'r1', outcome: { type: 'success', outputData: { ok: true } } },
    ]);
  });

  it('fails clearly when the native side speaks another protocol version', async () => {
    const { transport, wm } = setup();
    transport.helloResult = { protocolVersion: 2, sessionId: 's', sdkInt: 34, capabilities: [] };
    await expect(wm.cancelAllWork()).rejects.toMatchObject({
      code: 'BRIDGE_FAILURE',
      message: /protocol 2/,
    });
  });

  it('refuses calls after close and leaves device work alone', async () => {
    const { transport, wm } = setup();
    const subscription = wm.observeWorkInfosForUniqueWork('sync').subscribe(() => {});
    await flush();
    await wm.close();
    expect(transport.calls('unsubscribe')).toHaveLength(1);
    expect(transport.calls('cancelAllWork')).toHaveLength(0);
    await expect(wm.cancelAllWork()).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
    subscription.unsubscribe();
  });
});

describe('BridgeClient events', () => {
  it('warns about a gap in event seq, but not about a restarted native process', async () => {
    const warnings: string[] = [];
    const transport = new ScriptedTransport();
    const wm = createAndroidWorkManager({
      transport,
      workers: {},
      logger: { debug: () => {}, error: () => {}, warn: (m) => void warnings.push(m) },
    });
    const send = (seq: number) =>
      transport.emit({ type: 'workInfos', subscriptionId: 'x', infos: [], seq });
    send(1);
    send(2);
    send(5);
    send(1);
    expect(warnings).toEqual(['Native events 3..4 were lost.']);
    await wm.close();
  });
});
