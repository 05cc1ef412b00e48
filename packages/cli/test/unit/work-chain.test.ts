import { fc, test } from '@fast-check/vitest';
import { OneTimeWorkRequest, type WorkSpec, workSpecFromRequest } from '@workmanager-ts/core';
import { describe, expect } from 'vitest';
import { chainOf } from '../../src/work-chain.js';

/** Random DAGs: work i may depend on any earlier work. */
const dags = fc
  .integer({ min: 1, max: 12 })
  .chain((size) =>
    fc.tuple(
      ...Array.from({ length: size }, (_, i) =>
        fc.subarray(Array.from({ length: i }, (_, j) => j)),
      ),
    ),
  );

function specsOf(parents: readonly (readonly number[])[]): WorkSpec[] {
  const ids = parents.map((_, i) => `w${i}`);
  return parents.map((before, i) =>
    workSpecFromRequest(OneTimeWorkRequest.from(`worker${i}`, { id: ids[i]! }), {
      prerequisites: before.map((j) => ids[j]!),
      uniqueName: null,
    }),
  );
}

describe('chainOf', () => {
  test.prop([dags])(
    'CLI-22 every member of a chain has the same chain; edges go to a later column',
    (parents) => {
      const specs = specsOf(parents);
      for (const spec of specs) {
        const chain = chainOf(spec.id, specs)!;
        const members = chain.nodes.map((n) => n.work.id).sort();
        expect(members).toContain(spec.id);
        for (const other of members) {
          expect(
            chainOf(other, specs)!
              .nodes.map((n) => n.work.id)
              .sort(),
          ).toEqual(members);
        }
        const level = new Map(chain.nodes.map((n) => [n.work.id, n.level]));
        for (const edge of chain.edges) {
          expect(level.get(edge.to)!).toBeGreaterThan(level.get(edge.from)!);
        }
        // Edges are exactly the prerequisites inside the chain.
        const expected = specs
          .filter((s) => members.includes(s.id))
          .flatMap((s) => s.prerequisites.map((p) => `${p}->${s.id}`));
        expect(chain.edges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(expected.sort());
      }
      expect(chainOf('missing', specs)).toBeNull();
    },
  );
});
