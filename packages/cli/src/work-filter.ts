import {
  isWorkState,
  WORK_STATES,
  WorkError,
  type WorkSelector,
  type WorkState,
} from '@workmanager-ts/core';
import type { WorkView } from './work-view.js';

/**
 * Which works `list`, `watch` and the dashboard's table show. `states`, `tag` and `name` go to
 * the store as a selector; `text` matches the id or worker name in JS.
 */
export interface WorkFilter {
  readonly states?: readonly WorkState[];
  readonly tag?: string;
  readonly name?: string;
  /** A case-insensitive substring of the id or the worker name. */
  readonly text?: string;
}

/** Reads state names typed by a person (`failed`, `RUNNING`) into WorkStates. */
export function parseStates(values: readonly string[]): WorkState[] {
  return values.map((value) => {
    const state = value.trim().toUpperCase();
    if (!isWorkState(state)) {
      throw new WorkError(
        'INVALID_QUERY',
        `Unknown state "${value}": use one of ${WORK_STATES.join(', ')}.`,
      );
    }
    return state;
  });
}

/** The store selector for a filter (`{}` selects every work). */
export function selectorOf(filter: WorkFilter): WorkSelector {
  return {
    ...(filter.states && filter.states.length > 0 ? { states: filter.states } : {}),
    ...(filter.tag ? { tags: [filter.tag] } : {}),
    ...(filter.name ? { uniqueNames: [filter.name] } : {}),
  };
}

/** Applies the part of a filter the store cannot (`text`). */
export function matchesText(work: WorkView, text: string | undefined): boolean {
  if (!text) return true;
  const needle = text.toLowerCase();
  return work.id.toLowerCase().includes(needle) || work.worker.toLowerCase().includes(needle);
}

/** One page of a list of works; pages count from 1. */
export interface WorkPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
  readonly works: readonly WorkView[];
}

/**
 * Cuts one page out of a list, newest first. Pagination is done here, over the store's
 * answer, because the WorkStore port has no paged query yet.
 */
export function pageOf(works: readonly WorkView[], page: number, pageSize: number): WorkPage {
  const size = Math.min(Math.max(1, Math.floor(pageSize) || 25), 500);
  const pageCount = Math.max(1, Math.ceil(works.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const newestFirst = [...works].reverse();
  return {
    total: works.length,
    page: current,
    pageSize: size,
    pageCount,
    works: newestFirst.slice((current - 1) * size, current * size),
  };
}

/**
 * The whole filter applied in JS to views already read (the dashboard and `watch` filter the
 * live feed's snapshot rather than query the store again). A tag matches the worker name too,
 * as the store's tag query does.
 */
export function matchesFilter(work: WorkView, filter: WorkFilter): boolean {
  if (filter.states && filter.states.length > 0 && !filter.states.includes(work.state)) {
    return false;
  }
  if (filter.tag && work.worker !== filter.tag && !work.tags.includes(filter.tag)) return false;
  if (filter.name && work.uniqueName !== filter.name) return false;
  return matchesText(work, filter.text);
}
