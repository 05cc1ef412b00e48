import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/text-table.js';
import { progressBar, progressFraction } from '../../src/work-progress.js';
import { worksTable } from '../../src/work-text.js';
import type { WorkView } from '../../src/work-view.js';

describe('terminal output', () => {
  it('CLI-27 progress comes from { progress: percent } or { done, total }, clamped', () => {
    expect(progressFraction({ progress: 40 })).toBe(0.4);
    expect(progressFraction({ progress: 140 })).toBe(1);
    expect(progressFraction({ done: 3, total: 4 })).toBe(0.75);
    expect(progressFraction({ done: 3, total: 0 })).toBeNull();
    expect(progressFraction({ step: 'upload' })).toBeNull();
    expect(progressBar(0.75)).toBe('[########--] 75%');
  });

  it('CLI-28 tables align columns, cut long cells and flatten control characters', () => {
    const table = renderTable(
      ['A', 'B'],
      [
        ['x', 'y'],
        ['a\u001b[2Jb', 'z'.repeat(50)],
      ],
    );
    const lines = table.split('\n');
    expect(lines[0]).toBe('A       B');
    expect(lines[2]).toBe(`a [2Jb  ${'z'.repeat(39)}…`);
    const view = {
      id: 'w1',
      worker: 'resize',
      state: 'RUNNING',
      tags: ['photos'],
      uniqueName: null,
      runAttemptCount: 1,
      nextRunAt: null,
      progress: { progress: 50 },
    } as unknown as WorkView;
    const watch = worksTable([view], 0, true);
    expect(watch.split('\n')[0]).toMatch(
      /^ID +WORKER +STATE +ATTEMPTS +PROGRESS +NEXT RUN +TAGS +UNIQUE NAME$/,
    );
    expect(watch).toContain('[#####-----] 50%');
  });
});
