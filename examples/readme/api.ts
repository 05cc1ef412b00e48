// The README's API example, run by CI (packages/backend-node/test/examples).

import { sqliteStore } from '@workmanager-ts/backend-node';
import {
  createWorkManager,
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  Result,
} from '@workmanager-ts/core';

const store = sqliteStore({ filename: process.env.WORK_DB ?? 'work.db' }); // durable
const wm = await createWorkManager({
  store,
  workers: {
    download: async (ctx) => Result.success({ path: `/tmp/${ctx.inputData.get('url')}` }),
    resize: async (ctx) =>
      Result.success({ thumbs: [`${ctx.inputData.get('path')}@${ctx.inputData.get('size')}`] }),
    upload: async (ctx) =>
      Result.success({ uploaded: (ctx.inputData.get('thumbs') as string[]).length }),
    report: async () => Result.success(),
  },
});

const download = OneTimeWorkRequest.from('download', { input: { url: 'cat.jpg' } });
const resizes = [64, 256].map((size) => OneTimeWorkRequest.from('resize', { input: { size } }));
const upload = OneTimeWorkRequest.from('upload', {
  constraints: { requiredNetworkType: 'CONNECTED' },
  backoff: { policy: 'EXPONENTIAL', delay: { seconds: 10 } },
  inputMerger: 'ARRAY_CREATING', // both thumbnails arrive as one array
});
await wm.beginUniqueWork('photo:cat', 'REPLACE', download).then(resizes).then(upload).enqueue();
await wm.enqueueUniquePeriodicWork(
  'report',
  'UPDATE',
  PeriodicWorkRequest.from('report', {
    repeatInterval: { hours: 1 },
    flexInterval: { minutes: 15 },
  }),
);

await new Promise<void>((done) => {
  wm.observeWorkInfoById(upload.id).subscribe((info) => {
    console.log(`upload: ${info?.state}`);
    if (info?.state === 'SUCCEEDED') {
      console.log(`uploaded ${info.outputData.get('uploaded')} thumbnails`);
      done();
    }
  });
});
await wm.close();
await store.close();
