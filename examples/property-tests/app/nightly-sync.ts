// App code under test: the nightly sync, scheduled at every app start.
import { PeriodicWorkRequest, Result, type Worker, type WorkManager } from '@workmanager-ts/core';

export const NIGHTLY_SYNC = 'nightly-sync';

/** Once a day, on Wi-Fi and while charging. */
export function nightlySyncRequest() {
  return PeriodicWorkRequest.from('sync', {
    repeatInterval: { hours: 24 },
    constraints: { requiredNetworkType: 'UNMETERED', requiresCharging: true },
  });
}

/** Called at every app start: KEEP leaves an already scheduled sync alone. */
export async function scheduleNightlySync(wm: WorkManager): Promise<void> {
  await wm.enqueueUniquePeriodicWork(NIGHTLY_SYNC, 'KEEP', nightlySyncRequest());
}

export const syncWorker: Worker = async () => Result.success();
