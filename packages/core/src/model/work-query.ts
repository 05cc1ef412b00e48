import type { WorkSelector } from '../ports/work-transaction.js';
import { WorkError } from './work-error.js';
import { isWorkState, type WorkState } from './work-state.js';

/**
 * Which works `getWorkInfos` / `observeWorkInfos` return — androidx's `WorkQuery`: components
 * are AND-ed, values inside a component OR-ed; at least one component must be non-empty.
 */
export interface WorkQuery {
  readonly ids?: readonly string[];
  readonly tags?: readonly string[];
  readonly uniqueWorkNames?: readonly string[];
  readonly states?: readonly WorkState[];
}

/**
 * Checks a caller's query and turns it into the store's selector (empty components left out),
 * before any store is read.
 *
 * @throws WorkError `INVALID_QUERY` when every component is empty or absent, a component is not
 *   an array of strings, or a state is not a {@link WorkState}.
 */
export function validateWorkQuery(q: WorkQuery): WorkSelector {
  if (typeof q !== 'object' || q === null) {
    throw invalid('A WorkQuery must be an object like { tags: ["sync"] }.');
  }
  const ids = component(q.ids, 'ids');
  const tags = component(q.tags, 'tags');
  const uniqueNames = component(q.uniqueWorkNames, 'uniqueWorkNames');
  const states = component(q.states, 'states');
  for (const state of states ?? []) {
    if (!isWorkState(state)) {
      throw invalid(
        `${JSON.stringify(state)} is not a work state; use ENQUEUED, RUNNING, SUCCEEDED, FAILED, BLOCKED or CANCELLED.`,
      );
    }
  }
  if (!ids && !tags && !uniqueNames && !states) {
    throw invalid(
      'A WorkQuery needs at least one non-empty list of ids, tags, uniqueWorkNames or states.',
    );
  }
  const selector: {
    ids?: readonly string[];
    tags?: readonly string[];
    uniqueNames?: readonly string[];
    states?: readonly WorkState[];
  } = {};
  if (ids) selector.ids = ids;
  if (tags) selector.tags = tags;
  if (uniqueNames) selector.uniqueNames = uniqueNames;
  if (states) selector.states = states as readonly WorkState[];
  return Object.freeze(selector);
}

/** A frozen copy of a non-empty component; undefined when absent or empty. */
function component(values: unknown, name: string): readonly string[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    throw invalid(`WorkQuery.${name} must be an array of strings.`);
  }
  return values.length === 0 ? undefined : Object.freeze([...(values as string[])]);
}

function invalid(message: string): WorkError {
  return new WorkError('INVALID_QUERY', message);
}
