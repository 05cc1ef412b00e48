// App code under test: upload a photo, then make its thumbnails from the uploaded copy.
import { OneTimeWorkRequest, Result, type Worker, type WorkManager } from '@workmanager-ts/core';

/** What the photo server answers to an upload. */
export type UploadAnswer = 'ok' | 'busy' | 'rejected';

export interface PhotoServer {
  put(photoId: string): Promise<UploadAnswer>;
}

/** A busy server is retried with backoff, at most this many attempts in all. */
export const MAX_UPLOAD_ATTEMPTS = 5;

/** upload -> [small thumbnail, large thumbnail] */
export function uploadPhoto(wm: WorkManager, photoId: string): Promise<void> {
  const upload = OneTimeWorkRequest.from('upload', {
    id: `upload-${photoId}`,
    input: { photoId },
    tags: ['photo'],
    constraints: { requiredNetworkType: 'CONNECTED' },
    backoff: { policy: 'EXPONENTIAL', delay: { seconds: 30 } },
  });
  const thumbnails = ['small', 'large'].map((size) =>
    OneTimeWorkRequest.from('thumbnail', {
      id: `thumb-${size}-${photoId}`,
      input: { size },
      tags: ['photo', 'thumbnail'],
    }),
  );
  return wm.beginWith(upload).then(thumbnails).enqueue();
}

export function uploadWorker(server: PhotoServer): Worker {
  return async (ctx) => {
    const answer = await server.put(String(ctx.inputData.get('photoId')));
    if (answer === 'ok') return Result.success({ url: `https://photos/${ctx.id}` });
    if (answer === 'busy' && ctx.runAttemptCount + 1 < MAX_UPLOAD_ATTEMPTS) return Result.retry();
    return Result.failure({ answer });
  };
}

export const thumbnailWorker: Worker = async () => Result.success();
