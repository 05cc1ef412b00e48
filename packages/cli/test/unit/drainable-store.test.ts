import {
  memoryStore,
  OneTimeWorkRequest,
  Result,
  silentLogger,
  type WorkInfo,
  type WorkManager,
  WorkManagerEngine,
} from '@workmanager-ts/core';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { describe, expect, it } from 'vitest';
import { drainableStore } from '../../src/drainable-store.js';

const finished = (wm: WorkManager, id: string): Promise<WorkInfo | null> =>
  firstValueFrom(wm.observeWorkInfoById(id).pipe(filter((info) => info?.state === 'SUCCEEDED')));

describe('drainableStore', () => {
  it('CLI-29 once drained, the engine starts nothing new, while a live run still concludes', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const drainable = drainableStore(memoryStore());
    const engine = await WorkManagerEngine.open({
      store: drainable.store,
      workers: {
        held: async () => {
          await gate;
          return Result.success();
        },
        quick: async () => Result.success(),
      },
      config: { logger: silentLogger, maxConcurrency: 1 },
    });
    const warmUp = OneTimeWorkRequest.from('quick');
    await engine.enqueue(warmUp);
    await finished(engine, warmUp.id); // not drained yet: work runs

    const held = OneTimeWorkRequest.from('held');
    const waiting = OneTimeWorkRequest.from('quick');
    await engine.enqueue(held);
    await engine.enqueue(waiting);
    await engine.whenIdle();
    expect(engine.runningIds).toEqual([held.id]);
    drainable.drain();
    expect(drainable.draining).toBe(true);
    release();
    await finished(engine, held.id);
    await engine.whenIdle();
    const late = OneTimeWorkRequest.from('quick');
    await engine.enqueue(late);
    await engine.whenIdle();
    expect(engine.runningIds).toEqual([]);
    expect((await engine.getWorkInfoById(waiting.id))?.state).toBe('ENQUEUED');
    expect((await engine.getWorkInfoById(late.id))?.state).toBe('ENQUEUED');
    await engine.close();
  });
});
