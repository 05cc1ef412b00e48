import fc from 'fast-check';
import { formatScenario } from './format-scenario.js';
import type { Scenario } from './scenario.js';
import { type SimulateOptions, type SimulationResult, simulate } from './simulate.js';

/** A rule about what happened: throws (e.g. a failed `expect`) when the rule is broken. */
export type SchedulingCheck = (
  result: SimulationResult,
  scenario: Scenario,
) => void | Promise<void>;

/** How {@link assertSchedulingProperty} runs. */
export interface SchedulingPropertyOptions {
  /** How each scenario is simulated (workers, actions, store, drain, ...). */
  readonly simulate?: SimulateOptions;
  /** fast-check's run parameters (`numRuns`, `seed`, `path`, ...). */
  readonly params?: fc.Parameters<[Scenario]>;
  /** How many trace changes the failure message shows; default 40. */
  readonly traceLines?: number;
}

/**
 * Thrown when a scheduling property fails: carries the shrunk scenario, what simulating it
 * gave, and the broken rule's own error; its message is the readable counterexample.
 */
export class SchedulingPropertyError extends Error {
  constructor(
    message: string,
    readonly scenario: Scenario,
    readonly result: SimulationResult | null,
    override readonly cause: unknown,
    readonly seed: number,
    readonly counterexamplePath: string,
  ) {
    super(message);
    this.name = 'SchedulingPropertyError';
  }
}

/**
 * Checks a rule on every generated scenario: simulates each and runs `check` on the result.
 * On failure fast-check shrinks the scenario, and the error printed is the smallest scenario
 * as numbered events, the rule's message, and the end of its trace — replayable with the
 * seed and path given.
 */
export async function assertSchedulingProperty(
  scenarios: fc.Arbitrary<Scenario>,
  check: SchedulingCheck,
  options: SchedulingPropertyOptions = {},
): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(scenarios, async (scenario) => {
      await check(await simulate(scenario, options.simulate), scenario);
    }),
    options.params ?? {},
  );
  if (!details.failed) return;
  const scenario = details.counterexample?.[0];
  if (!scenario) {
    throw new Error(
      `The scheduling property could not run: ${details.interrupted ? 'interrupted' : 'too many skipped scenarios'} (seed ${details.seed}).`,
    );
  }
  let result: SimulationResult | null = null;
  try {
    result = await simulate(scenario, options.simulate);
  } catch {
    // the simulation itself threw: the cause says so
  }
  throw new SchedulingPropertyError(
    formatCounterexample(scenario, result, details.errorInstance, {
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      runs: details.numRuns,
      shrinks: details.numShrinks,
      traceLines: options.traceLines ?? 40,
    }),
    scenario,
    result,
    details.errorInstance,
    details.seed,
    details.counterexamplePath ?? '',
  );
}

/** The readable counterexample: what broke, the scenario, the end of the trace, final states. */
export function formatCounterexample(
  scenario: Scenario,
  result: SimulationResult | null,
  cause: unknown,
  run: { seed: number; path: string; runs: number; shrinks: number; traceLines?: number },
): string {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const lines = [
    `Scheduling property failed after ${run.runs} scenario(s), shrunk ${run.shrinks} time(s).`,
    `Replay with params { seed: ${run.seed}, path: "${run.path}" }.`,
    '',
    reason,
    '',
    `Scenario (${scenario.events.length} events):`,
    formatScenario(scenario),
  ];
  if (result) {
    lines.push(
      '',
      'Trace (times from the start):',
      result.trace.excerpt(undefined, run.traceLines),
    );
    if (result.rejections.length > 0) {
      lines.push('', 'Rejected calls:');
      for (const r of result.rejections)
        lines.push(`  event ${r.index + 1}: ${r.code} ${r.message}`);
    }
    lines.push(
      '',
      `Final states: ${result.finalInfos.map((i) => `${i.id} ${i.state}`).join(', ') || '(none)'}`,
    );
  }
  return lines.join('\n');
}
