import { describe, expect, it } from 'vitest';
import { OneTimeWorkRequest, workSpecFromRequest } from '../../src/index.js';
import { memoryTransactionRunner } from '../../src/store/memory-store.js';
import { workStoreFromTransactions } from '../../src/store/work-store-from-transactions.js';
import {
  CombineNames,
  RecordingTransactionRunner,
} from '../../src/testing/simulation/recording-transaction-runner.js';
import type { TraceEntry } from '../../src/testing/simulation/trace-entry.js';

function recorder() {
  const committed: Omit<TraceEntry, 'seq'>[][] = [];
  const runner = new RecordingTransactionRunner(
    memoryTransactionRunner(),
    { stamp: () => ({ time: 5, incarnation: 0 }), commit: (c) => committed.push([...c]) },
    new CombineNames(),
  );
  return { runner, committed, store: workStoreFromTransactions(runner) };
}

const work = (id: string) =>
  workSpecFromRequest(OneTimeWorkRequest.from('w', { id }), {
    prerequisites: [],
    uniqueName: null,
  });

describe('RecordingTransactionRunner', () => {
  it('SIM-50 hands over each committed transaction, drops a rolled-back one', async () => {
    const { runner, committed, store } = recorder();
    await store.enqueueWork({ now: 5, levels: [{ works: [work('a')] }] });
    await expect(
      runner.transact((tx) => {
        tx.insertWork({ ...work('b'), state: 'ENQUEUED' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(committed.map((c) => c.map((e) => [e.id, e.from, e.to, e.time]))).toEqual([
      [['a', null, 'ENQUEUED', 5]],
    ]);
    expect(await store.getWork('b')).toBeNull();
  });

  it('SIM-51 once frozen (a crash), no call reaches the store and none settles', async () => {
    const { runner, store } = recorder();
    runner.freeze();
    let settled = false;
    void store.getWork('a').finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
  });

  it('SIM-52 a thousand scheduling passes at one instant without a write is a livelock', async () => {
    const { runner, store } = recorder();
    for (let i = 0; i < 999; i++) runner.noteDueTimeQuery();
    expect(runner.livelock).toBeNull();
    await store.enqueueWork({ now: 5, levels: [{ works: [work('a')] }] }); // a write resets
    for (let i = 0; i < 999; i++) runner.noteDueTimeQuery();
    expect(runner.livelock).toBeNull();
    runner.noteDueTimeQuery();
    expect(runner.livelock).toMatch(/livelock in the engine/);
    await expect(store.getWork('a')).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
  });
});
