import type { WorkSpec } from '../../src/model/work-spec.js';
import type { WorkState } from '../../src/model/work-state.js';
import type { DependencyGraph } from '../../src/rules/dependency-cascade.js';
import { workSpecFixture } from '../../src/testing/work-spec-fixture.js';

/** Test-only: a one-time, never-run ENQUEUED WorkSpec with androidx defaults, then `overrides`. */
export function workSpec(overrides: Partial<WorkSpec> = {}): WorkSpec {
  return workSpecFixture(overrides.id ?? 'work', overrides);
}

/** Test-only: a periodic WorkSpec (interval = flex unless given). */
export function periodicSpec(interval: number, overrides: Partial<WorkSpec> = {}): WorkSpec {
  return workSpec({ interval, flex: interval, ...overrides });
}

/** Test-only: a {@link DependencyGraph} from `dependent → prerequisites` and states. */
export function graphOf(
  states: Readonly<Record<string, WorkState>>,
  prerequisites: Readonly<Record<string, readonly string[]>> = {},
): DependencyGraph {
  const dependents = new Map<string, string[]>();
  for (const [dependent, prereqs] of Object.entries(prerequisites)) {
    for (const p of prereqs) dependents.set(p, [...(dependents.get(p) ?? []), dependent]);
  }
  return {
    dependentsOf: (id) => dependents.get(id) ?? [],
    stateOf: (id) => states[id],
    prerequisitesOf: (id) => prerequisites[id] ?? [],
  };
}
