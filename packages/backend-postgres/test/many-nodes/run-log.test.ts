import { describe, expect, it } from 'vitest';
import { analyseRunLog } from './fixtures/run-log.js';

const log = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('run log analysis (the overlap oracle of the many-node tests)', () => {
  it('finds a run that starts while another run of the same work is live, whoever runs it', () => {
    const runs = analyseRunLog(
      log('start a 1 w1 0 10', 'start b 2 w1 1 11', 'end a 1 w1 0 12', 'end b 2 w1 1 13'),
    );
    expect(runs.overlaps).toHaveLength(1);
    expect(runs.overlaps[0]).toContain('w1: b (attempt 1) started at line 2');
  });

  it('a second attempt on the same node overlapping the first is an overlap too', () => {
    const runs = analyseRunLog(log('start a 1 w1 0 10', 'start a 1 w1 1 11'));
    expect(runs.overlaps).toHaveLength(1);
  });

  it('sequential runs, and runs of different works, do not overlap; ends pair by node, work and attempt', () => {
    const runs = analyseRunLog(
      log(
        'start a 1 w1 0 10',
        'start b 2 w2 0 10',
        'end a 1 w1 0 12',
        'start b 2 w1 1 13',
        'end b 2 w1 1 14',
      ),
    );
    expect(runs.overlaps).toEqual([]);
    expect(runs.unmatchedEnds).toEqual([]);
    expect(runs.runs.get('w1')?.map((r) => [r.tag, r.attempt, r.endedAt])).toEqual([
      ['a', 0, 12],
      ['b', 1, 14],
    ]);
    expect(runs.runs.get('w2')?.[0]?.endIndex).toBeNull();
  });

  it("a kill marker ends its node's live runs; a run it starts after the marker is dead at once", () => {
    const runs = analyseRunLog(
      log(
        'start a 1 w1 0 10',
        'kill a 1 - - 11',
        'start a 1 w2 0 12',
        'start b 2 w1 1 13',
        'start b 2 w2 1 14',
        'end a 1 w1 0 15',
      ),
    );
    expect(runs.overlaps).toEqual([]);
    expect(runs.deadRuns.map((r) => [r.tag, r.id])).toEqual([
      ['a', 'w1'],
      ['a', 'w2'],
    ]);
  });

  it('a start still overlaps a live run of a node that is killed later', () => {
    const runs = analyseRunLog(log('start a 1 w1 0 10', 'start b 2 w1 1 11', 'kill a 1 - - 12'));
    expect(runs.overlaps).toHaveLength(1);
  });

  it('reports ends without their start, and refuses malformed lines', () => {
    expect(analyseRunLog(log('end a 1 w1 0 10')).unmatchedEnds).toEqual(['line 1: a w1 0']);
    expect(() => analyseRunLog('begin a 1 w1 0 10\n')).toThrow(/Malformed/);
    expect(() => analyseRunLog('start a 1 w1 x 10\n')).toThrow(/Malformed/);
  });
});
