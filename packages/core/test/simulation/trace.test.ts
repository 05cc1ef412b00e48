import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS, type WorkState } from '../../src/index.js';
import { ALL_CONDITIONS_MET } from '../../src/ports/device-conditions.js';
import { formatTime, Trace, type TraceEntry } from '../../src/testing/index.js';

const HOUR = 3_600_000;
let seq = 0;

function entry(
  id: string,
  time: number,
  from: WorkState | null,
  to: WorkState | null,
  more: Partial<TraceEntry> = {},
): TraceEntry {
  return {
    seq: seq++,
    time,
    incarnation: 0,
    id,
    workerName: 'sim',
    tags: ['sim', ...(id.startsWith('n') ? ['nightly'] : [])],
    uniqueName: null,
    prerequisites: [],
    periodic: false,
    from,
    to,
    runAttemptCount: to === 'RUNNING' ? 1 : 0,
    generation: 0,
    periodCount: 0,
    stopReason: -256,
    nextRunAt: to === 'ENQUEUED' ? time : Infinity,
    constraints: NO_CONSTRAINTS,
    output: {},
    progress: {},
    ...more,
  };
}

const conditions = [{ time: 0, ...ALL_CONDITIONS_MET }];

describe('Trace queries', () => {
  const trace = new Trace(
    [
      entry('n1', 0, null, 'ENQUEUED'),
      entry('n1', 0, 'ENQUEUED', 'RUNNING'),
      entry('n1', 10, 'RUNNING', 'ENQUEUED', { nextRunAt: HOUR }),
      entry('n1', HOUR, 'ENQUEUED', 'RUNNING'),
      entry('n1', HOUR + 5, 'RUNNING', 'SUCCEEDED'),
      entry('n2', 2 * HOUR, null, 'ENQUEUED'),
      entry('n2', 2 * HOUR + 30, 'ENQUEUED', 'RUNNING'),
      entry('x', 0, null, 'BLOCKED', { prerequisites: ['n1'] }),
      entry('y', 0, null, 'BLOCKED', { prerequisites: ['n2'] }),
    ],
    conditions,
    [],
    0,
    3 * HOUR,
  );

  it('SIM-20 runs pairs each RUNNING with the write that ended it, within a window', () => {
    expect(trace.runs({ tag: 'nightly' }).map((r) => [r.id, r.start, r.end, r.outcome])).toEqual([
      ['n1', 0, 10, 'ENQUEUED'],
      ['n1', HOUR, HOUR + 5, 'SUCCEEDED'],
      ['n2', 2 * HOUR + 30, null, null],
    ]);
    expect(trace.runCount({ tag: 'nightly' }, { from: HOUR, to: 2 * HOUR })).toBe(1);
    expect(trace.runCount({ id: 'x' })).toBe(0);
  });

  it('SIM-21 time between runs and the most runs in any span', () => {
    expect(trace.timesBetweenRuns({ tag: 'nightly' })).toEqual([HOUR, HOUR + 30]);
    expect(trace.maxRunsWithin({ tag: 'nightly' }, HOUR)).toBe(1);
    expect(trace.maxRunsWithin({ tag: 'nightly' }, HOUR + 1)).toBe(2);
  });

  it('SIM-22 everReached, firstReached, statesOf, stateAt, finalStates', () => {
    expect(trace.everReached({ tag: 'nightly' }, 'SUCCEEDED')).toBe(true);
    expect(trace.everReached({ tag: 'nightly' }, 'FAILED')).toBe(false);
    expect(trace.firstReached(undefined, 'SUCCEEDED')?.time).toBe(HOUR + 5);
    expect(trace.statesOf('n1')).toEqual([
      null,
      'ENQUEUED',
      'RUNNING',
      'ENQUEUED',
      'RUNNING',
      'SUCCEEDED',
    ]);
    expect(trace.stateAt('n1', 10)).toBe('ENQUEUED');
    expect(trace.stateAt('n1', -1)).toBeNull();
    expect(Object.fromEntries(trace.finalStates())).toEqual({
      n1: 'SUCCEEDED',
      n2: 'RUNNING',
      x: 'BLOCKED',
      y: 'BLOCKED',
    });
  });

  it('SIM-23 stuck finds BLOCKED work whose prerequisites all finished', () => {
    expect(trace.stuck()).toEqual([
      { id: 'x', state: 'BLOCKED', why: 'BLOCKED with every prerequisite finished' },
    ]);
  });

  it('SIM-24 longestRunnableWait counts due, met and alive time only', () => {
    // n2 waited 30 ms while due.
    expect(trace.longestRunnableWait({ id: 'n2' })).toEqual({
      id: 'n2',
      from: 2 * HOUR,
      millis: 30,
    });
    // n1 was not due while it waited for its backoff.
    expect(trace.longestRunnableWait({ id: 'n1' })).toBeNull();

    const waiting = [
      entry('c', 0, null, 'ENQUEUED', {
        constraints: { ...NO_CONSTRAINTS, requiresCharging: true },
      }),
      entry('c', 10 * HOUR, 'ENQUEUED', 'RUNNING'),
    ];
    const timeline = [
      { time: 0, ...ALL_CONDITIONS_MET, charging: false },
      { time: 2 * HOUR, ...ALL_CONDITIONS_MET },
      { time: 6 * HOUR, ...ALL_CONDITIONS_MET, charging: false },
      { time: 7 * HOUR, ...ALL_CONDITIONS_MET },
    ];
    const withDowntime = new Trace(
      waiting,
      timeline,
      [{ from: 8 * HOUR, to: 9 * HOUR }],
      0,
      10 * HOUR,
    );
    // Met 2h-6h (4 h), 7h-8h, down 8h-9h, met 9h-10h.
    expect(withDowntime.longestRunnableWait()).toEqual({
      id: 'c',
      from: 2 * HOUR,
      millis: 4 * HOUR,
    });
  });

  it('SIM-25 excerpt prints the last changes relative to the start', () => {
    const text = trace.excerpt({ id: 'n1' }, 2);
    expect(text.split('\n')).toEqual([
      '  ... 3 earlier changes',
      expect.stringMatching(/^ {2}\+1h00m\s+n1\s+ENQUEUED -> RUNNING {2}attempt 1$/),
      expect.stringMatching(/^ {2}\+1h00m0.005s\s+n1\s+RUNNING -> SUCCEEDED$/),
    ]);
    expect(formatTime(90_061_001)).toBe('1d01h01m1.001s');
    expect(formatTime(0)).toBe('0s');
  });
});
