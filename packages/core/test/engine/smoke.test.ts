import { describe, expect, it } from 'vitest';
import { OneTimeWorkRequest, PeriodicWorkRequest, Result } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';

describe('smoke', () => {
  it('runs a chain in driver mode', async () => {
    const seen: string[] = [];
    const t = await createTestWorkManager({
      workers: {
        a: (ctx) => {
          seen.push(`a:${ctx.runAttemptCount}`);
          return Result.success({ x: 1 });
        },
        b: (ctx) => {
          seen.push(`b:${ctx.inputData.get('x')}`);
          return Result.success();
        },
      },
    });
    const a = OneTimeWorkRequest.from('a');
    const b = OneTimeWorkRequest.from('b');
    await t.wm.beginWith(a).then(b).enqueue();
    await t.settle();
    expect(seen).toEqual(['a:0', 'b:1']);
    expect((await t.wm.getWorkInfoById(b.id))?.state).toBe('SUCCEEDED');
    await t.close();
  });

  it('runs periodic work in time mode', async () => {
    let runs = 0;
    const t = await createTestWorkManager({
      mode: 'time',
      workers: {
        p: () => {
          runs++;
          return Result.success();
        },
      },
    });
    const p = PeriodicWorkRequest.from('p', { repeatInterval: { hours: 1 } });
    await t.wm.enqueue(p);
    await t.settle();
    expect(runs).toBe(1);
    await t.clock.advance({ hours: 5 });
    expect(runs).toBe(6);
    const info = await t.wm.getWorkInfoById(p.id);
    expect(info?.state).toBe('ENQUEUED');
    expect(info?.nextScheduleTimeMillis).toBe(6 * 3_600_000);
    await t.close();
  });
});
