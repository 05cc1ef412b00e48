import type { WorkSpec } from '../model/work-spec.js';
import type { WorkSelector } from '../ports/work-transaction.js';

/** True when the work matches every component of the selector (values inside one OR-ed). */
export function matchesSelector(spec: WorkSpec, selector: WorkSelector): boolean {
  return (
    (!selector.ids || selector.ids.includes(spec.id)) &&
    (!selector.tags || selector.tags.some((t) => spec.tags.includes(t))) &&
    (!selector.uniqueNames ||
      (spec.uniqueName !== null && selector.uniqueNames.includes(spec.uniqueName))) &&
    (!selector.states || selector.states.includes(spec.state))
  );
}
