import { describe, expect, it } from 'vitest';
import { selectPrunable } from '../../src/rules/prune-selection.js';
import { workSpec } from './fixtures.js';

const DAY = 86_400_000;

describe('selectPrunable (spec §11)', () => {
  it('PRN-01 explicit prune deletes finished work without unfinished dependents, ignoring retention', () => {
    const works = [
      workSpec({ id: 'E', state: 'ENQUEUED' }),
      workSpec({ id: 'F', state: 'SUCCEEDED' }),
      workSpec({ id: 'G', state: 'SUCCEEDED' }),
      workSpec({ id: 'K', state: 'SUCCEEDED', minimumRetention: 999 * DAY }),
    ];
    const hasUnfinishedDependent = (id: string) => id === 'G'; // E depends on G
    expect(selectPrunable(works, hasUnfinishedDependent)).toEqual(['F', 'K']);
  });

  it('PRN-03 automatic prune keeps finished work that an unfinished work still depends on', () => {
    const now = 10 * DAY;
    const cutoff = now - DAY;
    const old = cutoff - 1;
    const works = [
      workSpec({ id: 'work0', state: 'SUCCEEDED', lastEnqueueTime: old }),
      workSpec({ id: 'work1', state: 'SUCCEEDED', lastEnqueueTime: old }),
    ];
    // work1 depends on work0 (finished); work2 (ENQUEUED) depends on work1.
    const hasUnfinishedDependent = (id: string) => id === 'work1';
    expect(selectPrunable(works, hasUnfinishedDependent, cutoff)).toEqual(['work0']);
  });

  it('with a cutoff, deletes only when lastEnqueueTime + minimumRetention < cutoff', () => {
    const cutoff = 5 * DAY;
    const works = [
      workSpec({ id: 'old', state: 'FAILED', lastEnqueueTime: cutoff - 1 }),
      workSpec({ id: 'edge', state: 'CANCELLED', lastEnqueueTime: cutoff }),
      workSpec({ id: 'kept', state: 'SUCCEEDED', lastEnqueueTime: 0, minimumRetention: 6 * DAY }),
      workSpec({ id: 'never', state: 'CANCELLED', lastEnqueueTime: -1 }),
    ];
    expect(selectPrunable(works, () => false, cutoff)).toEqual(['old', 'never']);
  });
});
