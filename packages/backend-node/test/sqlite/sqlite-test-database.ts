import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Data, NO_CONSTRAINTS, type WorkSpec } from '@workmanager-ts/core';

/**
 * A throwaway folder for one test's database files (WAL needs a real file, so no `:memory:`).
 * Call `remove()` in afterEach.
 */
export function sqliteTestFolder(): { readonly file: (name?: string) => string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wm-sqlite-test-'));
  return {
    file: (name = 'work.db') => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A plain ENQUEUED one-time work due at 0, androidx defaults otherwise. */
export function testWorkSpec(id: string, overrides: Partial<WorkSpec> = {}): WorkSpec {
  return {
    id,
    workerName: 'TestWorker',
    state: 'ENQUEUED',
    input: Data.EMPTY,
    output: Data.EMPTY,
    progress: Data.EMPTY,
    inputMerger: 'OVERWRITING',
    initialDelay: 0,
    interval: 0,
    flex: 0,
    constraints: NO_CONSTRAINTS,
    runAttemptCount: 0,
    backoffPolicy: 'EXPONENTIAL',
    backoffDelay: 30_000,
    lastEnqueueTime: 0,
    minimumRetention: 0,
    expedited: false,
    outOfQuotaPolicy: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
    periodCount: 0,
    generation: 0,
    nextScheduleTimeOverride: Number.POSITIVE_INFINITY,
    nextScheduleTimeOverrideGeneration: 0,
    stopReason: -256,
    tags: ['TestWorker'],
    uniqueName: null,
    prerequisites: [],
    nextRunAt: 0,
    runOwner: null,
    leaseExpiresAt: 0,
    runOverrideGeneration: 0,
    ...overrides,
  };
}
