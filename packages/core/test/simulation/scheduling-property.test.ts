import { describe, expect, it } from 'vitest';
import {
  assertSchedulingProperty,
  formatScenario,
  SchedulingPropertyError,
  scenarioArbitrary,
} from '../../src/testing/index.js';

async function failure(run: Promise<void>): Promise<SchedulingPropertyError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SchedulingPropertyError);
  return error as SchedulingPropertyError;
}

describe('assertSchedulingProperty', () => {
  it('SIM-40 passes quietly when the rule holds', async () => {
    await assertSchedulingProperty(
      scenarioArbitrary({ crashes: false }),
      ({ trace }) => {
        for (const run of trace.runs()) expect(run.attempt).toBeGreaterThan(0);
      },
      { params: { numRuns: 30 } },
    );
  });

  it('SIM-41 a broken rule fails with the shrunk scenario, printed readably', async () => {
    const error = await failure(
      assertSchedulingProperty(
        scenarioArbitrary(),
        ({ trace }) => {
          expect(trace.everReached(undefined, 'FAILED'), 'no work ever fails').toBe(false);
        },
        { params: { numRuns: 200, seed: 42 } },
      ),
    );
    // Shrunk to one enqueue of one work (or a chain) whose worker fails.
    expect(error.scenario.events.length).toBe(1);
    expect(error.result?.trace.everReached(undefined, 'FAILED')).toBe(true);
    expect(error.message).toContain('no work ever fails');
    expect(error.message).toContain(formatScenario(error.scenario));
    expect(error.message).toMatch(/Trace \(times from the start\):\n.*-> FAILED/s);
    expect(error.message).toContain('Replay with params { seed: 42');
    expect(error.seed).toBe(42);
  }, 30_000);

  it('SIM-42 replaying the reported seed and path reproduces the same counterexample', async () => {
    const rule = ({ trace }: { trace: { runCount(): number } }) => {
      expect(trace.runCount()).toBeLessThan(3);
    };
    const first = await failure(
      assertSchedulingProperty(scenarioArbitrary(), rule, { params: { numRuns: 200, seed: 7 } }),
    );
    const again = await failure(
      assertSchedulingProperty(scenarioArbitrary(), rule, {
        params: { seed: first.seed, path: first.counterexamplePath },
      }),
    );
    expect(again.scenario).toEqual(first.scenario);
    expect(again.result?.trace.entries).toEqual(first.result?.trace.entries);
  }, 30_000);
});
