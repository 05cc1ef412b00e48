import type { RowRead } from '../../ports/work-row-session.js';

/**
 * The known reads of several calls sharing a session, as few reads: `works` reads with the
 * same lock joined, `dependents` reads joined, and `due` reads for the same conditions joined into one (the latest
 * `now`, the sum of the limits). Order is kept otherwise.
 */
export function mergeHints(hints: readonly RowRead[]): RowRead[] {
  const merged: RowRead[] = [];
  const works = new Map<string, { ids: Set<string>; index: number }>();
  const due = new Map<string, number>();
  for (const hint of hints) {
    if (hint.kind === 'works') {
      const key = `${hint.lock ?? ''}|${hint.skipLocked ?? false}`;
      const known = works.get(key);
      if (known) {
        for (const id of hint.ids) known.ids.add(id);
        continue;
      }
      works.set(key, { ids: new Set(hint.ids), index: merged.length });
      merged.push(hint);
    } else if (hint.kind === 'due') {
      const key = JSON.stringify(hint.conditions);
      const index = due.get(key);
      if (index === undefined) {
        due.set(key, merged.length);
        merged.push(hint);
        continue;
      }
      const known = merged[index] as Extract<RowRead, { kind: 'due' }>;
      merged[index] = {
        ...known,
        now: Math.max(known.now, hint.now),
        limit: known.limit + hint.limit,
      };
    } else if (hint.kind === 'dependents') {
      const index = merged.findIndex((m) => m.kind === 'dependents');
      if (index === -1) merged.push(hint);
      else {
        const known = merged[index] as Extract<RowRead, { kind: 'dependents' }>;
        merged[index] = { kind: 'dependents', ids: [...new Set([...known.ids, ...hint.ids])] };
      }
    } else {
      merged.push(hint);
    }
  }
  for (const { ids, index } of works.values()) {
    merged[index] = { ...(merged[index] as Extract<RowRead, { kind: 'works' }>), ids: [...ids] };
  }
  return merged;
}
