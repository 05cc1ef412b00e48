import { describe, expect, it } from 'vitest';
import {
  memoryStore,
  OneTimeWorkRequest,
  Result,
  WorkError,
  type WorkStore,
} from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';

/** A memory store whose `method` fails with STORE_BUSY while `busy.left > 0` (counting down). */
function busyStore(method: 'claimWork' | 'concludeRun', busy: { left: number }): WorkStore {
  return new Proxy(memoryStore(), {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== method) return value;
      return (...args: unknown[]) => {
        if (busy.left > 0) {
          busy.left--;
          return Promise.reject(new WorkError('STORE_BUSY', 'busy (test)'));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('the engine under store faults', () => {
  it('a scheduling pass that fails is retried after the poll interval', async () => {
    let runs = 0;
    const busy = { left: 0 };
    const t = await createTestWorkManager({
      mode: 'time',
      store: busyStore('claimWork', busy),
      config: { pollIntervalMillis: 1_000 },
      workers: {
        job: () => {
          runs++;
          return Result.success();
        },
      },
    });
    const job = OneTimeWorkRequest.from('job', { initialDelay: 10 });
    await t.wm.enqueue(job);
    busy.left = 1; // the pass the timer starts at 10 ms fails
    await t.clock.advance(10);
    expect(busy.left).toBe(0);
    expect(runs).toBe(0);
    await t.clock.advance(1_000);
    expect(runs).toBe(1);
    expect((await t.wm.getWorkInfoById(job.id))?.state).toBe('SUCCEEDED');
    await t.close();
  });

  it('an outcome refused by a busy store is offered again, so the work does not run twice', async () => {
    let runs = 0;
    const t = await createTestWorkManager({
      mode: 'time',
      store: busyStore('concludeRun', { left: 2 }),
      workers: {
        job: () => {
          runs++;
          return Result.success();
        },
      },
    });
    const job = OneTimeWorkRequest.from('job');
    await t.wm.enqueue(job);
    await t.clock.advance(1_000);
    expect(runs).toBe(1);
    expect((await t.wm.getWorkInfoById(job.id))?.state).toBe('SUCCEEDED');
    await t.close();
  });
});
