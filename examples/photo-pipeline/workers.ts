import { type DataValue, Result, type Workers } from '@workmanager-ts/core';

/** Waits `ms` of real time, or until the run is stopped. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

let reportCount = 0;

/** How often the periodic report ran in this process. */
export const reportRuns = (): number => reportCount;

/** The demo's workers: what a small photo service would run. */
export const workers: Workers = {
  async download(ctx) {
    for (let percent = 0; percent <= 100; percent += 25) {
      await ctx.setProgress({ percent });
      await pause(80, ctx.signal);
    }
    return Result.success({ original: `/photos/${ctx.inputData.get('photo')}` });
  },
  async resize(ctx) {
    await pause(120, ctx.signal);
    const size = ctx.inputData.get('size');
    return Result.success({ thumbnails: [`${ctx.inputData.get('original')}@${size}px`] });
  },
  async upload(ctx) {
    await pause(150, ctx.signal);
    const thumbnails = (ctx.inputData.get('thumbnails') ?? []) as DataValue[];
    return Result.success({ uploaded: thumbnails.length });
  },
  async flakyPublish(ctx) {
    await pause(50, ctx.signal);
    // Fails twice, then works: shows retries with exponential backoff.
    return ctx.runAttemptCount < 2
      ? Result.retry()
      : Result.success({ attempts: ctx.runAttemptCount + 1 });
  },
  async sync(ctx) {
    await pause(60, ctx.signal);
    return Result.success({ batch: ctx.inputData.get('batch') ?? null });
  },
  async report() {
    reportCount++;
    return Result.success();
  },
  async cleanup(ctx) {
    await pause(40, ctx.signal);
    return Result.success();
  },
};
