// "A failed upload never leaves its thumbnails BLOCKED forever."
import { Result, type WorkerContext } from '@workmanager-ts/core';
import {
  assertSchedulingProperty,
  environmentEventArbitrary,
  eventsArbitrary,
  type Scenario,
  type SimEvent,
  type SimulationWorkerKit,
  type WorkerStep,
} from '@workmanager-ts/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type PhotoServer,
  thumbnailWorker,
  type UploadAnswer,
  uploadPhoto,
  uploadWorker,
} from './app/photo-upload.js';
import { caught } from './caught.js';

/** What the server answers to each upload attempt, in turn (the last answer repeats). */
const answers = fc.array(
  fc.constantFrom<WorkerStep>({ result: 'success' }, { result: 'retry' }, { result: 'failure' }),
  { minLength: 1, maxLength: 6 },
);

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  scripts: fc.record({ upload: answers }),
  events: eventsArbitrary(
    fc.oneof(
      fc.constant<SimEvent>({ kind: 'action', name: 'upload-photo' }),
      environmentEventArbitrary({ cancels: false }),
    ),
    { maxLength: 10 },
  ),
});

/** A fake photo server playing the scenario's answers. */
function server(sim: SimulationWorkerKit, ctx: WorkerContext): PhotoServer {
  const toAnswer: Record<WorkerStep['result'], UploadAnswer> = {
    success: 'ok',
    retry: 'busy',
    failure: 'rejected',
    throw: 'rejected',
  };
  return { put: async () => toAnswer[sim.step(ctx).result] };
}

function thumbnailsNeverStuck(worker: typeof uploadWorker, seed?: number) {
  let photos = 0;
  return assertSchedulingProperty(
    scenarios,
    ({ trace }) => {
      const blocked = [...trace.finalStates({ tag: 'thumbnail' })].filter(
        ([, s]) => s === 'BLOCKED',
      );
      expect(blocked, 'thumbnails still BLOCKED a month later').toEqual([]);
      expect(trace.stuck()).toEqual([]);
    },
    {
      simulate: {
        workers: (sim) => ({
          upload: (ctx) => worker(server(sim, ctx))(ctx),
          thumbnail: thumbnailWorker,
        }),
        onStart: ({ incarnation }) => {
          if (incarnation === 0) photos = 0;
        },
        actions: { 'upload-photo': ({ wm }) => uploadPhoto(wm, `p${photos++}`) },
        drainMillis: 30 * 24 * 3_600_000,
      },
      params: { numRuns: 100, ...(seed !== undefined ? { seed } : {}) },
    },
  );
}

describe('photo upload', () => {
  it('a failed upload never leaves its thumbnails BLOCKED forever', async () => {
    await thumbnailsNeverStuck(uploadWorker);
  });

  it('catches the broken variant (a rejected upload is retried forever)', async () => {
    const broken: typeof uploadWorker = (server) => async (ctx) => {
      const answer = await server.put(String(ctx.inputData.get('photoId')));
      return answer === 'ok' ? Result.success() : Result.retry(); // "maybe it works later"
    };
    const failure = await caught(thumbnailsNeverStuck(broken, 1));
    expect(failure.scenario.events).toEqual([{ kind: 'action', name: 'upload-photo' }]);
    expect(failure.scenario.scripts?.upload?.length).toBe(1);
  });
});
