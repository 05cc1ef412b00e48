import type { WorkManager } from '../engine/work-manager.js';
import type { WorkManagerConfig } from '../engine/work-manager-config.js';
import { WorkManagerEngine } from '../engine/work-manager-engine.js';
import type { Workers } from '../engine/worker.js';
import { WorkError } from '../model/work-error.js';
import type { ConstraintTracker } from '../ports/constraint-tracker.js';
import { yieldToEventLoop } from '../ports/event-loop.js';
import { silentLogger } from '../ports/logger.js';
import type { WorkStore } from '../ports/work-store.js';
import { TestClock } from './test-clock.js';
import { TestConstraintTracker } from './test-constraint-tracker.js';
import { type TestDriver, TestDriverGate } from './test-driver.js';

/** What `createTestWorkManager` takes. */
export interface TestWorkManagerOptions {
  readonly workers: Workers;
  /**
   * 'driver' (default): androidx's TestDriver — delays and constraints are met only through
   * `t.driver`. 'time': a virtual clock; `t.clock.advance(...)` runs what falls due.
   */
  readonly mode?: 'driver' | 'time';
  /** Default: a fresh memory store. */
  readonly store?: WorkStore;
  /** Virtual start time in epoch ms. Default 0. */
  readonly now?: number;
  /** Time mode only; default: a TestConstraintTracker with every condition met. */
  readonly constraints?: ConstraintTracker;
  readonly config?: WorkManagerConfig;
}

/** A WorkManager under test, with its clock, driver and the means to wait for quiet. */
export interface TestWorkManager {
  readonly wm: WorkManager;
  readonly engine: WorkManagerEngine;
  readonly clock: TestClock;
  /** In time mode every verb throws ILLEGAL_STATE, as androidx's does. */
  readonly driver: TestDriver;
  /** Time mode: the device conditions, settable by the test. */
  readonly conditions: TestConstraintTracker | null;
  /**
   * Resolves when no work can start now and no started worker is pending: every write the
   * engine began has landed and every worker that could finish without outside help has. A
   * worker still waiting on the test (a latch) is left running.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The test kit's entry point (DESIGN.md §3.5). */
export async function createTestWorkManager(
  options: TestWorkManagerOptions,
): Promise<TestWorkManager> {
  const mode = options.mode ?? 'driver';
  const clock = new TestClock(options.now ?? 0);
  let engine: WorkManagerEngine | null = null;
  const settle = async (): Promise<void> => {
    if (!engine) return;
    for (let round = 0; round < 100_000; round++) {
      const before = await engine.whenIdle();
      // With no live run nothing outside the engine can still act: no event-loop turn needed.
      if (engine.isQuiescent) return;
      await yieldToEventLoop();
      const after = await engine.whenIdle();
      if (before === after) return;
    }
    throw new WorkError(
      'ILLEGAL_STATE',
      'The engine never settled: something keeps starting work.',
    );
  };
  clock.settle = settle;
  const gate = mode === 'driver' ? new TestDriverGate(settle) : null;
  const conditions = mode === 'time' && !options.constraints ? new TestConstraintTracker() : null;
  const tracker = mode === 'time' ? (options.constraints ?? conditions ?? undefined) : undefined;
  engine = await WorkManagerEngine.open(
    {
      workers: options.workers,
      clock,
      config: { logger: silentLogger, sharedStore: false, ...options.config },
      ...(options.store ? { store: options.store } : {}),
      ...(tracker ? { constraints: tracker } : {}),
    },
    gate,
  );
  gate?.attach(engine);
  await settle();
  const opened = engine;
  const driver: TestDriver = gate ?? timeModeDriver(opened, settle);
  return {
    wm: opened,
    engine: opened,
    clock,
    driver,
    conditions,
    settle,
    close: () => opened.close(),
  };
}

/** Time mode: delays pass with the clock and constraints follow `t.conditions`; stopping works. */
function timeModeDriver(engine: WorkManagerEngine, settle: () => Promise<void>): TestDriver {
  const refuse = (): Promise<void> =>
    Promise.reject(
      new WorkError(
        'ILLEGAL_STATE',
        'In time mode delays pass by advancing t.clock and constraints follow t.conditions, not the TestDriver.',
      ),
    );
  return {
    setAllConstraintsMet: refuse,
    setInitialDelayMet: refuse,
    setPeriodDelayMet: refuse,
    async stopRunningWorkWithReason(id, reason) {
      engine.stopRun(id, reason);
      await settle();
    },
  };
}
