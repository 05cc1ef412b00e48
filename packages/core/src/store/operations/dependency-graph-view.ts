import type { WorkTransaction } from '../../ports/work-transaction.js';
import type { DependencyGraph } from '../../rules/dependency-cascade.js';

/** The dependency graph as the cascade rules read it, straight from an open transaction. */
export function dependencyGraphView(tx: WorkTransaction): DependencyGraph {
  return {
    dependentsOf: (id) => tx.getDependentIds(id),
    stateOf: (id) => tx.getWork(id)?.state,
    prerequisitesOf: (id) => tx.getWork(id)?.prerequisites ?? [],
  };
}
