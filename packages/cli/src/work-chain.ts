import type { WorkSpec } from '@workmanager-ts/core';
import { type WorkView, workViewFromSpec } from './work-view.js';

/** A node of a chain graph: the work and its column (0 for works with no prerequisite). */
export interface ChainNode {
  readonly work: WorkView;
  /** The longest path from a root of the chain to this work; the graph's column. */
  readonly level: number;
}

/**
 * The chain a work belongs to — every work connected to it through prerequisites, in either
 * direction — as a graph `show` prints and the dashboard draws. Edges run from prerequisite
 * to dependent.
 */
export interface WorkChain {
  readonly nodes: readonly ChainNode[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Builds the chain of `id` from the stored works. Prerequisites that no longer exist (pruned)
 * are left out. Returns `null` when `id` itself is not among the works.
 */
export function chainOf(id: string, works: readonly WorkSpec[]): WorkChain | null {
  const byId = new Map(works.map((w) => [w.id, w]));
  if (!byId.has(id)) return null;
  const dependents = new Map<string, string[]>();
  for (const work of works) {
    for (const before of work.prerequisites) {
      if (!byId.has(before)) continue;
      const list = dependents.get(before) ?? [];
      list.push(work.id);
      dependents.set(before, list);
    }
  }
  const member = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0) {
    const current = byId.get(queue.pop()!)!;
    const neighbours = [
      ...current.prerequisites.filter((p) => byId.has(p)),
      ...(dependents.get(current.id) ?? []),
    ];
    for (const next of neighbours) {
      if (!member.has(next)) {
        member.add(next);
        queue.push(next);
      }
    }
  }
  const ordered = works.filter((w) => member.has(w.id));
  const levels = new Map<string, number>();
  const levelOf = (work: WorkSpec): number => {
    const known = levels.get(work.id);
    if (known !== undefined) return known;
    levels.set(work.id, 0); // guards against a cycle in a corrupt database
    const parents = work.prerequisites.map((p) => byId.get(p)).filter((p) => p !== undefined);
    const level = parents.length === 0 ? 0 : 1 + Math.max(...parents.map(levelOf));
    levels.set(work.id, level);
    return level;
  };
  return {
    nodes: ordered.map((w) => ({ work: workViewFromSpec(w), level: levelOf(w) })),
    edges: ordered.flatMap((w) =>
      w.prerequisites.filter((p) => byId.has(p)).map((p) => ({ from: p, to: w.id })),
    ),
  };
}
