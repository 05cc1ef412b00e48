import { describe, expect, it } from 'vitest';
import { validateWorkQuery, type WorkQuery } from '../../src/model/work-query.js';
import type { WorkState } from '../../src/model/work-state.js';

describe('validateWorkQuery', () => {
  it('QRY-09 a query with no ids, names, tags or states is rejected', () => {
    for (const query of [{}, { ids: [], tags: [], uniqueWorkNames: [], states: [] }]) {
      expect(() => validateWorkQuery(query)).toThrow(
        expect.objectContaining({ code: 'INVALID_QUERY' }),
      );
    }
  });

  it('maps uniqueWorkNames to uniqueNames and leaves out empty components', () => {
    expect(
      validateWorkQuery({ ids: ['a'], tags: [], uniqueWorkNames: ['n'], states: ['ENQUEUED'] }),
    ).toEqual({ ids: ['a'], uniqueNames: ['n'], states: ['ENQUEUED'] });
    const selector = validateWorkQuery({ tags: ['t'] });
    expect(selector).toEqual({ tags: ['t'] });
    expect(Object.keys(selector)).toEqual(['tags']);
  });

  it('copies the arrays so later changes to the query do not leak in', () => {
    const ids = ['a'];
    const selector = validateWorkQuery({ ids });
    ids.push('b');
    expect(selector.ids).toEqual(['a']);
  });

  it('rejects a state that is not a WorkState and components that are not string arrays', () => {
    const bad: unknown[] = [
      { states: ['DONE' as WorkState] },
      { states: ['ENQUEUED', 'finished'] },
      { ids: 'a' },
      { tags: [1] },
      { uniqueWorkNames: [null] },
      null,
    ];
    for (const query of bad) {
      expect(() => validateWorkQuery(query as WorkQuery), JSON.stringify(query)).toThrow(
        expect.objectContaining({ code: 'INVALID_QUERY' }),
      );
    }
  });
});
