/**
 * The demo service (`npm start`): a photo pipeline on an embedded SQLite file. Prints every
 * state change as it happens and a summary at the end; Ctrl-C stops gracefully, and running it
 * again resumes the work left in the file.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { nodeConstraintTracker, sqliteStore } from '@workmanager-ts/backend-node';
import {
  constraintsMet,
  createWorkManager,
  isFinished,
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  resolveSemantics,
  type WorkInfo,
} from '@workmanager-ts/core';
import { reportRuns, workers } from './workers.js';

const dataDir = process.env.DEMO_DATA_DIR ?? join(process.cwd(), '.data');
mkdirSync(dataDir, { recursive: true });
const filename = join(dataDir, 'photo-pipeline.db');
const store = sqliteStore({ filename });
// Demo-sized limits, so retries and periods show within seconds (androidx: 10 s and 15 min).
const semantics = {
  minBackoffMillis: 200,
  minPeriodicIntervalMillis: 1_000,
  minPeriodicFlexMillis: 500,
};
const built = { semantics: resolveSemantics(semantics) };
const constraints = nodeConstraintTracker({ storagePath: dataDir });
const wm = await createWorkManager({
  store,
  workers,
  constraints,
  config: {
    maxConcurrency: 4,
    semantics,
  },
});

const TAG = 'photo-demo';
const photo = 'sunset.jpg';
const download = OneTimeWorkRequest.from('download', { input: { photo }, tags: [TAG] });
const resizes = [64, 256, 1024].map((size) =>
  OneTimeWorkRequest.from('resize', { input: { size }, tags: [TAG] }),
);
const upload = OneTimeWorkRequest.from('upload', {
  tags: [TAG],
  inputMerger: 'ARRAY_CREATING',
  constraints: { requiredNetworkType: 'CONNECTED', requiresStorageNotLow: true },
});
// KEEP: if a previous run left this pipeline unfinished, it resumes instead of starting again.
await wm.beginUniqueWork('photo:sunset', 'KEEP', download).then(resizes).then(upload).enqueue();
await wm.enqueueUniqueWork(
  'publish',
  'KEEP',
  OneTimeWorkRequest.from(
    'flakyPublish',
    {
      tags: [TAG],
      backoff: { policy: 'EXPONENTIAL', delay: 200 },
    },
    built,
  ),
);
for (const batch of [1, 2, 3]) {
  await wm.enqueueUniqueWork(
    'sync',
    'APPEND',
    OneTimeWorkRequest.from('sync', { input: { batch }, tags: [TAG] }),
  );
}
await wm.enqueueUniqueWork(
  'cleanup',
  'KEEP',
  OneTimeWorkRequest.from('cleanup', { tags: [TAG], constraints: { requiresCharging: true } }),
);
await wm.enqueueUniquePeriodicWork(
  'report',
  'UPDATE',
  PeriodicWorkRequest.from(
    'report',
    { tags: ['photo-report'], repeatInterval: { seconds: 1 } },
    built,
  ),
);

const started = Date.now();
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(2)}s`;
const seen = new Map<string, string>();
const describe = (info: WorkInfo): string => {
  const worker = [...info.tags].find((t) => t in workers) ?? '?';
  const progress = info.progress.get('percent');
  return `${worker.padEnd(12)} ${info.id.slice(0, 8)} ${info.state}${progress !== undefined ? ` ${progress}%` : ''}${
    info.runAttemptCount > 0 ? ` (attempt ${info.runAttemptCount})` : ''
  }`;
};

await new Promise<void>((resolve) => {
  const subscription = wm.observeWorkInfosByTag(TAG).subscribe((infos) => {
    for (const info of infos) {
      const line = describe(info);
      if (seen.get(info.id) !== line) {
        seen.set(info.id, line);
        console.log(`[${elapsed()}] ${line}`);
      }
    }
    // Done when everything finished, or waits only for constraints this host does not meet.
    const waiting = infos.filter(
      (i) =>
        !isFinished(i.state) &&
        !(i.state === 'ENQUEUED' && !constraintsMet(i.constraints, constraints.current())),
    );
    if (infos.length > 0 && waiting.length === 0) {
      subscription.unsubscribe();
      resolve();
    }
  });
  process.once('SIGINT', () => {
    console.log('\nStopping: running work is stopped and resumes on the next start.');
    subscription.unsubscribe();
    resolve();
  });
});

const infos = await wm.getWorkInfosByTag(TAG);
const count = (state: string): number => infos.filter((i) => i.state === state).length;
console.log(
  `\nSummary after ${elapsed()}: ${infos.length} works — ${count('SUCCEEDED')} succeeded, ${count('FAILED')} failed, ` +
    `${count('CANCELLED')} cancelled, ${infos.filter((i) => !isFinished(i.state)).length} unfinished; ` +
    `periodic report ran ${reportRuns()} times in this process. Store: ${filename}`,
);
await wm.close();
constraints.close();
await store.close();
