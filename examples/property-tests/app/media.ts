// App code under test: long transcodes must not starve the photo backup.
import { OneTimeWorkRequest, type WorkManager } from '@workmanager-ts/core';

/** The app runs at most this many workers at once (WorkManager's maxConcurrency). */
export const MAX_CONCURRENCY = 2;

/** Transcodes go one at a time, appended to a single unique queue. */
export function transcode(wm: WorkManager, videoId: string): Promise<void> {
  return wm.enqueueUniqueWork(
    'transcode',
    'APPEND_OR_REPLACE',
    OneTimeWorkRequest.from('transcode', { id: `transcode-${videoId}`, tags: ['transcode'] }),
  );
}

/** A backup on Wi-Fi; KEEP: one pending backup is enough. */
export function backUp(wm: WorkManager): Promise<void> {
  return wm.enqueueUniqueWork(
    'backup',
    'KEEP',
    OneTimeWorkRequest.from('backup', {
      tags: ['backup'],
      constraints: { requiredNetworkType: 'UNMETERED' },
    }),
  );
}
