import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Data, isFinished, type WorkState } from '../../src/index.js';
import {
  graphEventArbitrary,
  requestArbitrary,
  type SimEvent,
  scenarioArbitrary,
  simulate,
  uniqueWorkEventArbitrary,
} from '../../src/testing/index.js';

describe('arbitraries', () => {
  it('SIM-30 graphs have no cycle: every node runs after earlier nodes only', () => {
    fc.assert(
      fc.property(graphEventArbitrary(), (event) => {
        if (event.kind !== 'graph') throw new Error('not a graph');
        event.nodes.forEach((node, i) => {
          for (const p of node.after) expect(p).toBeLessThan(i);
        });
      }),
    );
  });

  it('SIM-31 requests build: input within the size limit, no idle-with-backoff', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        expect(Data.from(request.input ?? {}).sizeInBytes()).toBeLessThan(10_240);
        const { rejections } = await simulate({
          events: [{ kind: 'enqueue', requests: [request] }],
        });
        expect(rejections).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('SIM-32 unique work covers every policy of both kinds', () => {
    const seen = new Set(
      fc
        .sample(uniqueWorkEventArbitrary(), { numRuns: 400, seed: 1 })
        .map((e: SimEvent) => ('policy' in e ? `${e.kind}:${e.policy}` : '')),
    );
    expect([...seen].sort()).toEqual([
      'unique:APPEND',
      'unique:APPEND_OR_REPLACE',
      'unique:KEEP',
      'unique:REPLACE',
      'uniquePeriodic:CANCEL_AND_REENQUEUE',
      'uniquePeriodic:KEEP',
      'uniquePeriodic:REPLACE',
      'uniquePeriodic:UPDATE',
    ]);
  });

  it('SIM-33 generated scenarios draw every event kind', () => {
    const kinds = new Set(
      fc
        .sample(scenarioArbitrary({ actions: ['act'] }), { numRuns: 300, seed: 2 })
        .flatMap((s) => s.events.map((e) => e.kind)),
    );
    expect([...kinds].sort()).toEqual([
      'action',
      'advance',
      'cancel',
      'chain',
      'conditions',
      'crash',
      'enqueue',
      'graph',
      'prune',
      'unique',
      'uniquePeriodic',
      'update',
    ]);
    const noCrash = fc.sample(scenarioArbitrary({ crashes: false }), { numRuns: 200, seed: 3 });
    expect(noCrash.flatMap((s) => s.events).some((e) => e.kind === 'crash')).toBe(false);
  });

  it('SIM-34 on any scenario the trace is consistent and finished works stay finished', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(), async (scenario) => {
        const { trace, finalInfos } = await simulate(scenario, {
          config: { maxConcurrency: 1_000 },
        });
        const last = new Map<string, WorkState | null>();
        for (const e of trace.entries) {
          if (last.has(e.id)) expect(e.from, `${e.id} at seq ${e.seq}`).toBe(last.get(e.id));
          else expect(e.from, `${e.id} first change`).toBeNull();
          const before = last.get(e.id);
          if (before && isFinished(before)) expect(e.to, `${e.id} finished stays so`).toBeNull();
          last.set(e.id, e.to);
        }
        const finals = trace.finalStates();
        expect(Object.fromEntries(finalInfos.map((i) => [i.id, i.state]))).toEqual(
          Object.fromEntries(finals),
        );
        expect(trace.stuck()).toEqual([]);
        // The engine never leaves due, runnable work waiting (maxConcurrency is not reached here).
        expect(trace.longestRunnableWait()).toBeNull();
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
