import type { WorkState } from '../model/work-state.js';

/**
 * A read-only view of the dependency rows and states a cascade walks. Stores implement it over
 * their transaction, so the cascade rules live here once (spec §6.2).
 */
export interface DependencyGraph {
  /** Ids of the works that list `id` among their prerequisites. */
  dependentsOf(id: string): readonly string[];
  /** The stored state, or undefined when no such work exists. */
  stateOf(id: string): WorkState | undefined;
  /** Ids `id` depends on. */
  prerequisitesOf(id: string): readonly string[];
}

/**
 * Every transitive dependent of `startIds` (the starts themselves excluded unless reached
 * again), breadth first, each once. Iterative, so 10 000-deep chains do not overflow the stack.
 */
function transitiveDependents(startIds: readonly string[], graph: DependencyGraph): string[] {
  const seen = new Set<string>(startIds);
  const found: string[] = [];
  const queue: string[] = [...startIds];
  for (let i = 0; i < queue.length; i++) {
    for (const dependent of graph.dependentsOf(queue[i]!)) {
      if (seen.has(dependent)) continue;
      seen.add(dependent);
      found.push(dependent);
      queue.push(dependent);
    }
  }
  return found;
}

/**
 * The works that become FAILED when `failedId` fails (spec §6.2): all transitive dependents
 * except those already CANCELLED. The walk goes through CANCELLED nodes, as androidx's does.
 */
export function dependentsToFail(failedId: string, graph: DependencyGraph): string[] {
  return transitiveDependents([failedId], graph).filter((id) => {
    const state = graph.stateOf(id);
    return state !== undefined && state !== 'CANCELLED';
  });
}

/**
 * The works a cancel of `rootIds` moves to CANCELLED (spec §6.2, §9): the roots and all their
 * transitive dependents that are still unfinished. The walk continues *through* finished works,
 * so a dependent of a SUCCEEDED root is cancelled too (CAN-03). Unknown ids are skipped.
 */
export function worksToCancel(rootIds: readonly string[], graph: DependencyGraph): string[] {
  const roots = [...new Set(rootIds)];
  return [...roots, ...transitiveDependents(roots, graph)].filter((id) => {
    const state = graph.stateOf(id);
    return (
      state !== undefined && state !== 'SUCCEEDED' && state !== 'FAILED' && state !== 'CANCELLED'
    );
  });
}

/**
 * The direct dependents that become ENQUEUED when `succeededId` succeeds (spec §6.2): those
 * BLOCKED whose every prerequisite is SUCCEEDED, `succeededId` counting as SUCCEEDED even if
 * the store has not written it yet. A prerequisite that no longer exists does not hold a work
 * back, as in androidx's `hasCompletedAllPrerequisites` query.
 */
export function dependentsToUnblock(succeededId: string, graph: DependencyGraph): string[] {
  return [...new Set(graph.dependentsOf(succeededId))].filter(
    (id) =>
      graph.stateOf(id) === 'BLOCKED' &&
      graph.prerequisitesOf(id).every((p) => {
        if (p === succeededId) return true;
        const state = graph.stateOf(p);
        return state === undefined || state === 'SUCCEEDED';
      }),
  );
}
