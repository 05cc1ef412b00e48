import type { WorkStore } from '../../ports/work-store.js';
import {
  createTestWorkManager,
  type TestWorkManager,
  type TestWorkManagerOptions,
} from '../create-test-work-manager.js';

/**
 * Makes a fresh, empty store for one conformance test. `cleanup` (when given) runs after the
 * test, whatever its outcome — close connections, delete temporary files there.
 */
export type ConformanceStoreFactory = () => Promise<{
  store: WorkStore;
  cleanup?: () => Promise<void>;
}>;

/** What a conformance test passes to the test kit; the store always comes from the factory. */
export type ConformanceKitOptions = Omit<TestWorkManagerOptions, 'store'>;

/**
 * Runs `body` against a store from `factory` and always calls the factory's cleanup. For tests
 * that open several kits on one store (recovery, automatic pruning); each kit is the test's to
 * close.
 */
export async function withStore(
  factory: ConformanceStoreFactory,
  body: (store: WorkStore) => Promise<void>,
): Promise<void> {
  const { store, cleanup } = await factory();
  try {
    await body(store);
  } finally {
    await cleanup?.();
  }
}

/**
 * Runs `body` with a test WorkManager on a fresh store from `factory`, then closes the kit and
 * cleans the store up even when the body fails, so one failing conformance test never leaks
 * running workers or timers into the next.
 */
export async function withKit(
  factory: ConformanceStoreFactory,
  options: ConformanceKitOptions,
  body: (t: TestWorkManager) => Promise<void>,
): Promise<void> {
  await withStore(factory, async (store) => {
    const t = await createTestWorkManager({ ...options, store });
    try {
      await body(t);
    } finally {
      await t.close();
    }
  });
}
