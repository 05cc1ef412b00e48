import { WorkError } from '@workmanager-ts/core';
import type { TestDriver } from '@workmanager-ts/core/testing';
import type { AndroidWorkManager } from '../android-work-manager.js';

const SETTLE_ROUND_TRIPS = 3;

/** What the on-device conformance harness hands each test: core's test-kit shape, on a device. */
export interface AndroidTestKit {
  readonly wm: AndroidWorkManager;
  /** work-testing's TestDriver behind the debug-only `test.*` methods. */
  readonly driver: TestDriver;
  /** Resolves once no JS worker of this runtime is running and the native side has answered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wraps an Android WorkManager whose app initialised androidx's test WorkManager
 * (`WorkTestingDriver.install` in a debug build) into core's test-kit shape, so the same
 * conformance scenarios drive real androidx.work through `TestDriver` (spec §16).
 */
export function createAndroidTestKit(wm: AndroidWorkManager): AndroidTestKit {
  const verb =
    (method: 'test.setAllConstraintsMet' | 'test.setInitialDelayMet' | 'test.setPeriodDelayMet') =>
    async (id: string) => {
      await wm.client.call(method, { id });
    };
  return {
    wm,
    driver: {
      setAllConstraintsMet: verb('test.setAllConstraintsMet'),
      setInitialDelayMet: verb('test.setInitialDelayMet'),
      setPeriodDelayMet: verb('test.setPeriodDelayMet'),
      async stopRunningWorkWithReason() {
        throw new WorkError(
          'UNSUPPORTED_OPERATION',
          "work-testing's TestDriver has no public stopRunningWorkWithReason (spec §16.2); skip this scenario on Android.",
        );
      },
    },
    async settle() {
      // Round trips let queued events (runRequested, snapshots) and quick workers' completeRun
      // land; a worker waiting on the test (a latch) is left running, as in core's kit.
      for (let i = 0; i < SETTLE_ROUND_TRIPS; i++) await wm.getLastCancelAllTimeMillis();
    },
    close: () => wm.close(),
  };
}
