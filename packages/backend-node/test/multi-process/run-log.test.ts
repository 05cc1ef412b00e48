import { describe, expect, it } from 'vitest';
import { analyseRunLog } from './fixtures/run-log.js';

const log = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('run log analysis (the overlap oracle of the multi-process and crash tests)', () => {
  it('finds a start while another live run of the same work has not ended', () => {
    const runs = analyseRunLog(
      log('start a 1 w1 10', 'start b 2 w1 11', 'end a 1 w1 12', 'end b 2 w1 13'),
    );
    expect(runs.overlaps).toHaveLength(1);
    expect(runs.overlaps[0]).toContain('w1: started by b at 11');
  });

  it('sequential runs, and runs of different works, do not overlap', () => {
    const runs = analyseRunLog(
      log(
        'start a 1 w1 10',
        'start b 2 w2 10',
        'end a 1 w1 12',
        'start b 2 w1 13',
        'end b 2 w1 14',
      ),
    );
    expect(runs.overlaps).toEqual([]);
    expect(runs.starts.get('w1')?.map((s) => s.tag)).toEqual(['a', 'b']);
    expect(runs.ends.get('w2')).toBeUndefined();
  });

  it('a kill marker ends the live runs of that process; its later lines start nothing', () => {
    const runs = analyseRunLog(
      log(
        'start a 1 w1 10',
        'kill a 1 - 11',
        'start a 1 w2 12',
        'start b 2 w1 13',
        'start b 2 w2 14',
        'end a 1 w1 15',
      ),
    );
    expect(runs.overlaps).toEqual([]);
    expect(runs.deadRuns).toEqual([{ id: 'w1', tag: 'a', at: 10 }]);
    expect(runs.starts.get('w2')?.map((s) => s.tag)).toEqual(['b']);
    // An end the killed process still wrote counts as an end (its commit may have landed).
    expect(runs.ends.get('w1')?.map((e) => e.tag)).toEqual(['a']);
  });

  it('a start still overlaps a live run of a process that is killed later', () => {
    const runs = analyseRunLog(log('start a 1 w1 10', 'start b 2 w1 11', 'kill a 1 - 12'));
    expect(runs.overlaps).toHaveLength(1);
  });

  it('refuses malformed lines', () => {
    expect(() => analyseRunLog('begin a 1 w1 10\n')).toThrow(/Malformed/);
  });
});
