import { WorkError } from '../model/work-error.js';
import type { WorkRequest } from '../model/work-request.js';

/** What any continuation implementation is, as a graph: a level of requests and its parents. */
export interface ContinuationLevel {
  readonly requests: readonly WorkRequest[];
  readonly parents: readonly ContinuationLevel[];
}

/** Every level a continuation needs, each once, parents before children. */
export function lineage<L extends ContinuationLevel>(continuation: L): L[] {
  const ordered: L[] = [];
  const seen = new Set<ContinuationLevel>();
  const visit = (c: L): void => {
    if (seen.has(c)) return;
    seen.add(c);
    for (const parent of c.parents) visit(parent as L);
    ordered.push(c);
  };
  visit(continuation);
  return ordered;
}

/** The ids of a continuation's works and all its ancestors', each once. */
export function continuationIds(continuation: ContinuationLevel): string[] {
  return [...new Set(lineage(continuation).flatMap((c) => c.requests.map((r) => r.id)))];
}

/**
 * androidx's cycle check: walking up from a level, a level whose requests include an id
 * already seen on the current path makes a cycle. The same request in two independent
 * branches is not one (CH-17).
 */
export function assertNoCycles(continuation: ContinuationLevel): void {
  const walk = (c: ContinuationLevel, path: ReadonlySet<string>): void => {
    const ids = c.requests.map((r) => r.id);
    if (ids.some((id) => path.has(id))) {
      throw new WorkError(
        'INVALID_CONTINUATION',
        'WorkContinuation has cycles: a request appears again in its own ancestry. Build a new request for the later step.',
      );
    }
    const next = new Set([...path, ...ids]);
    for (const parent of c.parents) walk(parent, next);
  };
  walk(continuation, new Set());
}
