import { describe, expect, it } from 'vitest';
import { OneTimeWorkRequest, PeriodicWorkRequest, Result, StopReason } from '../../src/index.js';
import { memoryTransactionRunner } from '../../src/store/memory-store.js';
import { type Scenario, type SimEvent, simulate } from '../../src/testing/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const states = (
  trace: { changes(t?: { id: string }): { from: unknown; to: unknown }[] },
  id: string,
) => trace.changes({ id }).map((e) => `${e.from}->${e.to}`);

describe('simulate', () => {
  it('SIM-01 records every transition with its virtual time, attempt and output (TD-21)', async () => {
    const { trace, finalInfos } = await simulate({
      events: [
        {
          kind: 'enqueue',
          requests: [
            {
              kind: 'one-time',
              initialDelayMillis: 2 * HOUR,
              backoff: { policy: 'LINEAR', delayMillis: 10_000 },
              script: [{ result: 'retry' }, { result: 'success', output: { n: 1 } }],
            },
          ],
        },
        { kind: 'advance', millis: 3 * HOUR },
      ],
    });
    expect(
      trace.changes({ id: 'w0' }).map((e) => [e.time, e.from, e.to, e.runAttemptCount, e.output]),
    ).toEqual([
      [0, null, 'ENQUEUED', 0, {}],
      [2 * HOUR, 'ENQUEUED', 'RUNNING', 1, {}],
      [2 * HOUR, 'RUNNING', 'ENQUEUED', 1, {}],
      [2 * HOUR + 10_000, 'ENQUEUED', 'RUNNING', 2, {}],
      [2 * HOUR + 10_000, 'RUNNING', 'SUCCEEDED', 2, { n: 1 }],
    ]);
    expect(finalInfos.map((i) => [i.id, i.state])).toEqual([['w0', 'SUCCEEDED']]);
    expect(trace.endTime).toBe(3 * HOUR);
  });

  it('SIM-02 a run that takes a while reports progress on the way and ends later', async () => {
    const { trace } = await simulate({
      events: [
        {
          kind: 'enqueue',
          requests: [
            {
              kind: 'one-time',
              id: 'slow',
              script: [{ result: 'success', durationMillis: 10 * MINUTE, progress: [0, 50] }],
            },
          ],
        },
        { kind: 'advance', millis: HOUR },
      ],
    });
    expect(
      trace.changes({ id: 'slow' }).map((e) => [e.time, e.to, e.progress.progress ?? null]),
    ).toEqual([
      [0, 'ENQUEUED', null],
      [0, 'RUNNING', null],
      [0, 'RUNNING', 0],
      [5 * MINUTE, 'RUNNING', 50],
      [10 * MINUTE, 'SUCCEEDED', null],
    ]);
    expect(trace.runs({ id: 'slow' })).toEqual([
      expect.objectContaining({ start: 0, end: 10 * MINUTE, outcome: 'SUCCEEDED', attempt: 1 }),
    ]);
  });

  it('REC-01 a crash leaves the run unconcluded; the restart recovers it as UNKNOWN and runs it again', async () => {
    const { trace, finalInfos, invocations } = await simulate({
      events: [
        {
          kind: 'enqueue',
          requests: [
            {
              kind: 'one-time',
              id: 'job',
              script: [
                { result: 'success', durationMillis: HOUR },
                { result: 'success', output: { second: true } },
              ],
            },
          ],
        },
        { kind: 'advance', millis: 10 * MINUTE },
        { kind: 'crash', downtimeMillis: 5 * MINUTE },
        { kind: 'advance', millis: 2 * HOUR },
      ],
    });
    const changes = trace.changes({ id: 'job' });
    expect(changes.map((e) => [e.time, e.from, e.to, e.incarnation, e.stopReason])).toEqual([
      [0, null, 'ENQUEUED', 0, StopReason.NOT_STOPPED],
      [0, 'ENQUEUED', 'RUNNING', 0, StopReason.NOT_STOPPED],
      // No write at the crash; the recovery at restart (spec §13) keeps the attempt count.
      [15 * MINUTE, 'RUNNING', 'ENQUEUED', 1, StopReason.UNKNOWN],
      [expect.any(Number), 'ENQUEUED', 'RUNNING', 1, StopReason.NOT_STOPPED],
      [expect.any(Number), 'RUNNING', 'SUCCEEDED', 1, StopReason.NOT_STOPPED],
    ]);
    expect(changes[2]!.runAttemptCount).toBe(1);
    expect(changes[3]!.runAttemptCount).toBe(2);
    // Backed off: lastEnqueueTime (0) + 30 s exponential backoff is past, so it runs at once.
    expect(changes[3]!.time).toBe(15 * MINUTE);
    expect(trace.downtimes).toEqual([{ from: 10 * MINUTE, to: 15 * MINUTE }]);
    expect(finalInfos[0]?.outputData.toObject()).toEqual({ second: true });
    expect(invocations.get('job')).toBe(2);
    // The first run's timer died with its process: it never concluded.
    expect(trace.runs({ id: 'job' }).map((r) => [r.outcome, r.stopReason])).toEqual([
      ['ENQUEUED', StopReason.UNKNOWN],
      ['SUCCEEDED', StopReason.NOT_STOPPED],
    ]);
  });

  it('SIM-03 a lost constraint stops the run with its stop reason; the work waits until met', async () => {
    const { trace } = await simulate({
      events: [
        {
          kind: 'enqueue',
          requests: [
            {
              kind: 'one-time',
              id: 'c',
              constraints: { requiresCharging: true },
              script: [{ result: 'success', durationMillis: HOUR }],
            },
          ],
        },
        { kind: 'advance', millis: MINUTE },
        { kind: 'conditions', set: { charging: false } },
        { kind: 'advance', millis: HOUR },
        { kind: 'conditions', set: { charging: true } },
        { kind: 'advance', millis: 2 * HOUR },
      ],
    });
    const runs = trace.runs({ id: 'c' });
    expect(runs.map((r) => [r.start, r.end, r.outcome, r.stopReason])).toEqual([
      [0, MINUTE, 'ENQUEUED', StopReason.CONSTRAINT_CHARGING],
      [MINUTE + HOUR, 2 * HOUR + MINUTE, 'SUCCEEDED', StopReason.NOT_STOPPED],
    ]);
    expect(trace.longestRunnableWait()).toBeNull();
    expect(trace.conditions.map((c) => [c.time, c.charging])).toEqual([
      [0, true],
      [MINUTE, false],
      [MINUTE + HOUR, true],
    ]);
  });

  it('SIM-04 graphs go through combine, named combine#n; chains unblock in order', async () => {
    const { trace, finalInfos } = await simulate({
      events: [
        {
          kind: 'graph',
          nodes: [
            { request: { kind: 'one-time' }, after: [] },
            { request: { kind: 'one-time' }, after: [] },
            { request: { kind: 'one-time', script: [{ result: 'failure' }] }, after: [0, 1] },
            { request: { kind: 'one-time' }, after: [2] },
          ],
        },
      ],
    });
    expect(finalInfos.map((i) => [i.id, i.state])).toEqual([
      ['w0', 'SUCCEEDED'],
      ['w1', 'SUCCEEDED'],
      ['combine#0', 'SUCCEEDED'],
      ['w2', 'FAILED'],
      ['w3', 'FAILED'],
    ]);
    expect(trace.changes({ id: 'w2' })[0]?.prerequisites).toEqual(['combine#0']);
    expect(states(trace, 'w3')).toEqual(['null->BLOCKED', 'BLOCKED->FAILED']);
  });

  it('SIM-05 the same scenario gives the same trace (determinism)', async () => {
    const scenario: Scenario = {
      events: [
        {
          kind: 'uniquePeriodic',
          name: 'sync',
          policy: 'KEEP',
          request: {
            kind: 'periodic',
            intervalMillis: HOUR,
            script: [{ result: 'retry' }, { result: 'success', durationMillis: MINUTE }],
          },
        },
        {
          kind: 'graph',
          nodes: [
            { request: { kind: 'one-time' }, after: [] },
            { request: { kind: 'one-time' }, after: [] },
            { request: { kind: 'one-time' }, after: [0, 1] },
          ],
        },
        { kind: 'advance', millis: 3 * HOUR },
        { kind: 'crash', downtimeMillis: MINUTE },
        { kind: 'advance', millis: 3 * HOUR },
      ],
    };
    const a = await simulate(scenario);
    const b = await simulate(scenario);
    expect(b.trace.entries).toEqual(a.trace.entries);
    expect(a.trace.runCount({ uniqueName: 'sync' })).toBeGreaterThan(3);
  });

  it('SIM-06 refused calls are reported, not thrown, and the scenario goes on', async () => {
    const events: SimEvent[] = [
      { kind: 'chain', levels: [[{ kind: 'periodic' }], [{ kind: 'one-time' }]] },
      { kind: 'enqueue', requests: [{ kind: 'one-time' }] },
    ];
    const { rejections, finalInfos } = await simulate({ events });
    expect(rejections).toEqual([
      expect.objectContaining({ index: 0, code: 'INVALID_CONTINUATION' }),
    ]);
    // Ids are given per event, refused or not: the next request is w2, as the printer says.
    expect(finalInfos.map((i) => i.id)).toEqual(['w2']);
  });

  it('SIM-07 app code runs at every start and on action events, with real workers', async () => {
    const starts: number[] = [];
    const { trace } = await simulate(
      {
        events: [
          { kind: 'action', name: 'upload' },
          { kind: 'advance', millis: HOUR },
          { kind: 'crash', downtimeMillis: HOUR },
          { kind: 'advance', millis: HOUR },
        ],
      },
      {
        workers: { upload: () => Result.success({ done: true }) },
        onStart: async ({ wm, now, incarnation }) => {
          starts.push(incarnation);
          await wm.enqueueUniquePeriodicWork(
            'sync',
            'KEEP',
            PeriodicWorkRequest.from('sync', { id: `sync-${now}`, repeatInterval: { hours: 1 } }),
          );
        },
        actions: {
          upload: ({ wm }) => wm.enqueue(OneTimeWorkRequest.from('upload', { id: 'up' })),
        },
      },
    );
    expect(starts).toEqual([0, 1]);
    // KEEP at the second start kept the first periodic work.
    expect(trace.ids({ uniqueName: 'sync' })).toEqual(['sync-0']);
    expect(trace.finalEntries({ id: 'up' })[0]?.output).toEqual({ done: true });
  });

  it('SIM-08 an unknown action is a mistake in the test and throws', async () => {
    await expect(simulate({ events: [{ kind: 'action', name: 'nope' }] })).rejects.toThrow(
      /pass it in simulate's actions/,
    );
  });

  it('SIM-09 drainMillis meets every condition and lets time pass after the events', async () => {
    const { finalInfos } = await simulate(
      {
        conditions: { network: 'none' },
        events: [
          {
            kind: 'enqueue',
            requests: [{ kind: 'one-time', constraints: { requiredNetworkType: 'CONNECTED' } }],
          },
        ],
      },
      { drainMillis: HOUR },
    );
    expect(finalInfos.map((i) => i.state)).toEqual(['SUCCEEDED']);
  });

  it('SIM-10 runs on the store the factory opens, and closes it', async () => {
    let closed = 0;
    const { finalInfos } = await simulate(
      {
        events: [
          {
            kind: 'enqueue',
            requests: [{ kind: 'one-time', script: [{ result: 'success', durationMillis: HOUR }] }],
          },
          { kind: 'crash', downtimeMillis: 0 },
          { kind: 'advance', millis: 2 * HOUR },
        ],
      },
      {
        store: () => {
          const runner = memoryTransactionRunner();
          return { ...runner, transact: runner.transact, close: async () => void closed++ };
        },
      },
    );
    expect(finalInfos.map((i) => [i.state, i.runAttemptCount])).toEqual([['SUCCEEDED', 2]]);
    expect(closed).toBe(1);
  });

  it('SIM-11 cancel, update and prune events reach the engine', async () => {
    const { trace, finalInfos } = await simulate({
      events: [
        {
          kind: 'enqueue',
          requests: [{ kind: 'one-time', tags: ['t'], initialDelayMillis: HOUR }],
        },
        { kind: 'enqueue', requests: [{ kind: 'periodic', intervalMillis: HOUR }] },
        { kind: 'update', id: 'w1', request: { kind: 'periodic', intervalMillis: 2 * HOUR } },
        { kind: 'cancel', target: { tag: 't' } },
        { kind: 'prune' },
      ],
    });
    expect(states(trace, 'w0')).toEqual([
      'null->ENQUEUED',
      'ENQUEUED->CANCELLED',
      'CANCELLED->null',
    ]);
    expect(finalInfos.map((i) => [i.id, i.generation])).toEqual([['w1', 1]]);
  });
});
