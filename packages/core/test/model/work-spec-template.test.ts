import { describe, expect, it } from 'vitest';
import { Data } from '../../src/model/data.js';
import { StopReason } from '../../src/model/stop-reason.js';
import { OneTimeWorkRequest, PeriodicWorkRequest } from '../../src/model/work-request.js';
import { NOT_ENQUEUED } from '../../src/model/work-spec.js';
import { workSpecFromRequest } from '../../src/model/work-spec-template.js';

describe('workSpecFromRequest', () => {
  it('copies the request and starts every run-time field at androidx defaults', () => {
    const request = OneTimeWorkRequest.from('upload', {
      id: 'id-1',
      input: { file: 'a.jpg' },
      tags: ['media'],
      constraints: { requiredNetworkType: 'CONNECTED' },
      backoff: { policy: 'LINEAR', delay: 50_000 },
      keepResultsForAtLeast: 60_000,
      expedited: 'DROP_WORK_REQUEST',
      inputMerger: 'ARRAY_CREATING',
    });
    const spec = workSpecFromRequest(request, { prerequisites: ['p1', 'p2'], uniqueName: 'u' });
    expect(spec).toEqual({
      id: 'id-1',
      workerName: 'upload',
      state: 'ENQUEUED',
      input: request.input,
      output: Data.EMPTY,
      progress: Data.EMPTY,
      inputMerger: 'ARRAY_CREATING',
      initialDelay: 0,
      interval: 0,
      flex: 0,
      constraints: request.constraints,
      runAttemptCount: 0,
      backoffPolicy: 'LINEAR',
      backoffDelay: 50_000,
      lastEnqueueTime: NOT_ENQUEUED,
      minimumRetention: 60_000,
      expedited: true,
      outOfQuotaPolicy: 'DROP_WORK_REQUEST',
      periodCount: 0,
      generation: 0,
      nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
      nextScheduleTimeOverrideGeneration: 0,
      stopReason: StopReason.NOT_STOPPED,
      tags: ['upload', 'media'],
      uniqueName: 'u',
      prerequisites: ['p1', 'p2'],
      nextRunAt: Number.POSITIVE_INFINITY,
      runOwner: null,
      leaseExpiresAt: 0,
      runOverrideGeneration: 0,
    });
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.tags)).toBe(true);
  });

  it('carries the initial delay of delayed work', () => {
    const request = OneTimeWorkRequest.from('w', { initialDelay: { seconds: 5 } });
    expect(workSpecFromRequest(request, { prerequisites: [], uniqueName: null }).initialDelay).toBe(
      5_000,
    );
  });

  it('carries periodic timing and the override with its generation', () => {
    const request = PeriodicWorkRequest.from('sync', {
      repeatInterval: { hours: 1 },
      flexInterval: { minutes: 15 },
      nextScheduleTimeOverride: 123_456,
    });
    const spec = workSpecFromRequest(request, { prerequisites: [], uniqueName: null });
    expect(spec).toMatchObject({
      interval: 3_600_000,
      flex: 900_000,
      nextScheduleTimeOverride: 123_456,
      nextScheduleTimeOverrideGeneration: 1,
      uniqueName: null,
      prerequisites: [],
    });
  });

  it('copies the prerequisites so the caller may reuse its array', () => {
    const prerequisites = ['a'];
    const spec = workSpecFromRequest(OneTimeWorkRequest.from('w'), {
      prerequisites,
      uniqueName: null,
    });
    prerequisites.push('b');
    expect(spec.prerequisites).toEqual(['a']);
  });
});
