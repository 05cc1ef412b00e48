import type { WorkSpec } from '../model/work-spec.js';
import { isFinished } from '../model/work-state.js';

/**
 * The finished works a prune deletes (spec §11): those with no unfinished dependent, so a chain
 * still in progress keeps its finished prerequisites. An explicit `pruneWork()` passes no
 * cutoff and ignores retention; the automatic prune at open passes `now − pruneThreshold` and
 * deletes only works with `lastEnqueueTime + minimumRetention < retentionCutoff` (retention is
 * measured from the last enqueue, not from completion, as in androidx).
 */
export function selectPrunable(
  finished: readonly WorkSpec[],
  hasUnfinishedDependent: (id: string) => boolean,
  retentionCutoff?: number,
): string[] {
  return finished
    .filter(
      (spec) =>
        isFinished(spec.state) &&
        (retentionCutoff === undefined ||
          spec.lastEnqueueTime + spec.minimumRetention < retentionCutoff) &&
        !hasUnfinishedDependent(spec.id),
    )
    .map((spec) => spec.id);
}
