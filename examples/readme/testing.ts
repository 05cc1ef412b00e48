// The README's testing example, run by CI (packages/backend-node/test/examples).
import { OneTimeWorkRequest, Result } from '@workmanager-ts/core';
import { createTestWorkManager } from '@workmanager-ts/core/testing';

const workers = { upload: async () => Result.success() };
const t = await createTestWorkManager({ mode: 'time', workers });
const upload = OneTimeWorkRequest.from('upload', { initialDelay: { hours: 2 } });
await t.wm.enqueue(upload);
await t.clock.advance({ hours: 2 }); // runs everything that fell due, in order
console.log(`after 2 virtual hours: ${(await t.wm.getWorkInfoById(upload.id))?.state}`);
await t.close();
