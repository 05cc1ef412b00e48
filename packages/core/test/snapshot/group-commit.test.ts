import { describe, expect, it } from 'vitest';
import { sessionTransactionRunner, type WorkTransaction } from '../../src/index.js';
import { workSpecFixture } from '../../src/testing/index.js';
import { memoryRowBackend } from './memory-row-backend.js';

describe('snapshot runner: group commit', () => {
  it('calls made while the lane is busy share the next session, each seeing the ones before', async () => {
    const backend = memoryRowBackend();
    const runner = sessionTransactionRunner(backend, { lanes: 1 });
    const insert = (id: string) => (tx: WorkTransaction) => {
      tx.insertWork(workSpecFixture(id));
      return tx.findWorks({}).length;
    };
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => runner.transact(insert(`w${i}`))),
    );
    // The first call opened a session alone; the 19 made meanwhile shared the second.
    expect(backend.sessions).toBe(2);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await runner.close();
  });

  it('a call that throws fails alone: the others of its session commit without its writes', async () => {
    const backend = memoryRowBackend();
    const runner = sessionTransactionRunner(backend, { lanes: 1 });
    const results = await Promise.allSettled([
      runner.transact((tx) => tx.insertWork(workSpecFixture('first'))),
      runner.transact((tx) => tx.insertWork(workSpecFixture('a'))),
      runner.transact((tx) => {
        tx.insertWork(workSpecFixture('doomed'));
        throw new Error('no');
      }),
      runner.transact((tx) => tx.insertWork(workSpecFixture('b'))),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const ids = await runner.transact((tx) => tx.findWorks({}).map((w) => w.id));
    expect(ids).toEqual(['first', 'a', 'b']);
    expect(backend.sessions).toBe(3);
    await runner.close();
  });

  it('with maxBatch 1 every call has a session of its own', async () => {
    const backend = memoryRowBackend();
    const runner = sessionTransactionRunner(backend, { lanes: 1, maxBatch: 1 });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        runner.transact((tx) => tx.insertWork(workSpecFixture(`w${i}`))),
      ),
    );
    expect(backend.sessions).toBe(5);
    await runner.close();
  });
});
