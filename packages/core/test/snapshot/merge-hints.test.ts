import { describe, expect, it } from 'vitest';
import { ALL_CONDITIONS_MET, type RowRead } from '../../src/index.js';
import { mergeHints } from '../../src/store/snapshot/merge-hints.js';

describe('mergeHints', () => {
  it('joins works reads with the same lock, dependents reads, and due reads per conditions', () => {
    const due = (now: number, limit: number): RowRead => ({
      kind: 'due',
      now,
      limit,
      conditions: ALL_CONDITIONS_MET,
    });
    const merged = mergeHints([
      { kind: 'works', ids: ['a'], lock: 'update' },
      { kind: 'dependents', ids: ['a'] },
      due(10, 1),
      { kind: 'works', ids: ['b', 'a'], lock: 'update' },
      { kind: 'works', ids: ['c'] },
      { kind: 'dependents', ids: ['b'] },
      due(12, 3),
      { kind: 'setting', key: 'k' },
    ]);
    expect(merged).toEqual([
      { kind: 'works', ids: ['a', 'b'], lock: 'update' },
      { kind: 'dependents', ids: ['a', 'b'] },
      due(12, 4),
      { kind: 'works', ids: ['c'] },
      { kind: 'setting', key: 'k' },
    ]);
  });

  it('keeps due reads for different conditions apart', () => {
    const other = { ...ALL_CONDITIONS_MET, charging: false };
    const merged = mergeHints([
      { kind: 'due', now: 1, limit: 1, conditions: ALL_CONDITIONS_MET },
      { kind: 'due', now: 1, limit: 1, conditions: other },
    ]);
    expect(merged).toHaveLength(2);
  });
});
