import { fc, test } from '@fast-check/vitest';
import { isWorkError } from '@workmanager-ts/core';
import { describe, expect, it } from 'vitest';
import { pageOf, parseStates, selectorOf } from '../../src/work-filter.js';
import type { WorkView } from '../../src/work-view.js';

const views = (n: number): WorkView[] =>
  Array.from({ length: n }, (_, i) => ({ id: `w${i}` }) as WorkView);

describe('filters and pages', () => {
  test.prop([fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 30 })])(
    'CLI-25 the pages together are the whole list, newest first, each at most pageSize long',
    (n, size) => {
      const list = views(n);
      const first = pageOf(list, 1, size);
      const pages = Array.from({ length: first.pageCount }, (_, i) => pageOf(list, i + 1, size));
      expect(pages.flatMap((p) => p.works)).toEqual([...list].reverse());
      for (const page of pages) {
        expect(page.works.length).toBeLessThanOrEqual(size);
        expect(page.total).toBe(n);
      }
      expect(pageOf(list, first.pageCount + 5, size).page).toBe(first.pageCount);
      expect(pageOf(list, -3, size).page).toBe(1);
    },
  );

  it('CLI-26 states are read case-insensitively; unknown ones are refused with INVALID_QUERY', () => {
    expect(parseStates(['failed', ' Running '])).toEqual(['FAILED', 'RUNNING']);
    expect(() => parseStates(['done'])).toThrow(/Unknown state "done"/);
    try {
      parseStates(['done']);
    } catch (error) {
      expect(isWorkError(error, 'INVALID_QUERY')).toBe(true);
    }
    expect(selectorOf({})).toEqual({});
    expect(selectorOf({ states: ['FAILED'], tag: 't', name: 'n' })).toEqual({
      states: ['FAILED'],
      tags: ['t'],
      uniqueNames: ['n'],
    });
  });
});
