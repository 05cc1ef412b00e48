import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORK_STATES, type WorkState } from '../../src/model/work-state.js';
import {
  type DependencyGraph,
  dependentsToFail,
  dependentsToUnblock,
  worksToCancel,
} from '../../src/rules/dependency-cascade.js';
import { graphOf } from './fixtures.js';

/** A chain w0 ← w1 ← … ← w(n-1), built without recursion-sized fixtures. */
function chain(length: number, state: WorkState): DependencyGraph {
  return {
    dependentsOf: (id) => {
      const i = Number(id.slice(1)) + 1;
      return i < length ? [`w${i}`] : [];
    },
    stateOf: (id) => (Number(id.slice(1)) < length ? state : undefined),
    prerequisitesOf: (id) => {
      const i = Number(id.slice(1));
      return i > 0 ? [`w${i - 1}`] : [];
    },
  };
}

describe('dependentsToFail', () => {
  it('CH-11 fails BLOCKED dependents but leaves CANCELLED ones', () => {
    const graph = graphOf({ P: 'RUNNING', D: 'BLOCKED', X: 'CANCELLED' }, { D: ['P'], X: ['P'] });
    expect(dependentsToFail('P', graph)).toEqual(['D']);
  });

  it('walks through CANCELLED dependents to their own dependents', () => {
    const graph = graphOf({ P: 'RUNNING', X: 'CANCELLED', Y: 'BLOCKED' }, { X: ['P'], Y: ['X'] });
    expect(dependentsToFail('P', graph)).toEqual(['Y']);
  });

  it('handles a 10 000-deep chain without recursion', () => {
    const failed = dependentsToFail('w0', chain(10_000, 'BLOCKED'));
    expect(failed).toHaveLength(9_999);
    expect(failed.at(-1)).toBe('w9999');
  });

  it('visits each id once in a diamond', () => {
    const graph = graphOf(
      { A: 'RUNNING', B: 'BLOCKED', C: 'BLOCKED', D: 'BLOCKED' },
      { B: ['A'], C: ['A'], D: ['B', 'C'] },
    );
    expect(dependentsToFail('A', graph).sort()).toEqual(['B', 'C', 'D']);
  });
});

describe('worksToCancel', () => {
  it('CAN-01 cancels only the given work when it has no dependents', () => {
    const graph = graphOf({ a: 'ENQUEUED', b: 'ENQUEUED' });
    expect(worksToCancel(['a'], graph)).toEqual(['a']);
  });

  it('CAN-03 leaves a SUCCEEDED root alone but cancels its dependents', () => {
    const graph = graphOf({ work0: 'SUCCEEDED', work1: 'ENQUEUED' }, { work1: ['work0'] });
    expect(worksToCancel(['work0'], graph)).toEqual(['work1']);
  });

  it('CAN-05 cancels the tagged work and every transitive dependent, not other prerequisites', () => {
    const graph = graphOf(
      {
        work0: 'ENQUEUED',
        work1: 'BLOCKED',
        work2: 'BLOCKED',
        work3: 'ENQUEUED',
        work4: 'BLOCKED',
      },
      { work1: ['work0'], work4: ['work0'], work2: ['work1', 'work3'] },
    );
    expect(worksToCancel(['work0'], graph).sort()).toEqual(['work0', 'work1', 'work2', 'work4']);
  });

  it('CAN-07 cancel-all leaves finished work as it is', () => {
    const graph = graphOf({ work0: 'ENQUEUED', work1: 'RUNNING', work2: 'SUCCEEDED' });
    expect(worksToCancel(['work0', 'work1', 'work2'], graph)).toEqual(['work0', 'work1']);
  });

  it('skips unknown and already CANCELLED ids, and duplicate roots', () => {
    const graph = graphOf({ a: 'CANCELLED', b: 'BLOCKED' }, { b: ['a'] });
    expect(worksToCancel(['missing', 'a', 'a'], graph)).toEqual(['b']);
  });

  it('handles a 10 000-deep chain without recursion', () => {
    expect(worksToCancel(['w0'], chain(10_000, 'BLOCKED'))).toHaveLength(10_000);
  });
});

describe('dependentsToUnblock', () => {
  it('CH-09 unblocks a BLOCKED dependent whose only prerequisite succeeded (even if not yet stored)', () => {
    const graph = graphOf({ P: 'RUNNING', D: 'BLOCKED' }, { D: ['P'] });
    expect(dependentsToUnblock('P', graph)).toEqual(['D']);
  });

  it('waits for every prerequisite to be SUCCEEDED', () => {
    const states: Record<string, WorkState> = { P: 'SUCCEEDED', Q: 'ENQUEUED', D: 'BLOCKED' };
    const prerequisites = { D: ['P', 'Q'] };
    expect(dependentsToUnblock('P', graphOf(states, prerequisites))).toEqual([]);
    expect(dependentsToUnblock('Q', graphOf({ ...states, Q: 'RUNNING' }, prerequisites))).toEqual([
      'D',
    ]);
  });

  it('only moves BLOCKED dependents, and only direct ones', () => {
    const graph = graphOf(
      { P: 'SUCCEEDED', C: 'CANCELLED', D: 'BLOCKED', E: 'BLOCKED' },
      { C: ['P'], D: ['P'], E: ['D'] },
    );
    expect(dependentsToUnblock('P', graph)).toEqual(['D']);
  });

  it('a prerequisite that no longer exists does not hold the dependent back', () => {
    const graph = graphOf({ P: 'SUCCEEDED', D: 'BLOCKED' }, { D: ['P', 'gone'] });
    expect(dependentsToUnblock('P', graph)).toEqual(['D']);
  });
});

describe('cascades on random DAGs match a brute-force closure', () => {
  /** n nodes n0…; node j may depend on any node i < j, so the graph is acyclic. */
  const arbitraryDag = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      states: fc.array(fc.constantFrom(...WORK_STATES), { minLength: n, maxLength: n }),
      edges: fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), {
        minLength: n,
        maxLength: n,
      }),
      roots: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1 }),
    }),
  );

  function build(dag: { states: WorkState[]; edges: boolean[][] }) {
    const ids = dag.states.map((_, i) => `n${i}`);
    const states = Object.fromEntries(ids.map((id, i) => [id, dag.states[i]!]));
    const prerequisites = Object.fromEntries(
      ids.map((id, j) => [id, ids.filter((_, i) => i < j && dag.edges[j]![i])]),
    );
    const graph = graphOf(states, prerequisites);
    /** Everything reachable from `from` through dependents, by naive repeated expansion. */
    const closure = (from: readonly string[]): Set<string> => {
      const reached = new Set<string>();
      let grew = true;
      while (grew) {
        grew = false;
        for (const id of ids) {
          if (reached.has(id)) continue;
          if (prerequisites[id]!.some((p) => from.includes(p) || reached.has(p))) {
            reached.add(id);
            grew = true;
          }
        }
      }
      return reached;
    };
    return { ids, states, graph, closure };
  }

  it('dependentsToFail reaches exactly the non-CANCELLED transitive dependents', () => {
    fc.assert(
      fc.property(arbitraryDag, (dag) => {
        const { ids, states, graph, closure } = build(dag);
        const root = ids[dag.roots[0]!]!;
        const expected = [...closure([root])].filter((id) => states[id] !== 'CANCELLED');
        const actual = dependentsToFail(root, graph);
        expect(new Set(actual).size).toBe(actual.length);
        expect([...actual].sort()).toEqual(expected.sort());
      }),
    );
  });

  it('worksToCancel reaches exactly the unfinished roots and transitive dependents', () => {
    fc.assert(
      fc.property(arbitraryDag, (dag) => {
        const { ids, states, graph, closure } = build(dag);
        const roots = dag.roots.map((i) => ids[i]!);
        const reached = new Set([...roots, ...closure(roots)]);
        const expected = [...reached].filter(
          (id) => !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(states[id]!),
        );
        const actual = worksToCancel(roots, graph);
        expect(new Set(actual).size).toBe(actual.length);
        expect([...actual].sort()).toEqual(expected.sort());
      }),
    );
  });
});
