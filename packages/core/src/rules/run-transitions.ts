import { Data } from '../model/data.js';
import { StopReason } from '../model/stop-reason.js';
import type { WorkSemantics } from '../model/work-semantics.js';
import { isPeriodic, type WorkSpec } from '../model/work-spec.js';
import type { RunOutcome } from '../ports/work-store.js';
import type { WorkPatch } from '../ports/work-transaction.js';
import { nextRunTimeOf } from './next-run-time.js';

/** Adds the `nextRunAt` the patched row will have, so a store never computes times itself. */
function withNextRunAt(spec: WorkSpec, patch: WorkPatch, semantics?: WorkSemantics): WorkPatch {
  return { ...patch, nextRunAt: nextRunTimeOf({ ...spec, ...patch }, semantics) };
}

/** Fields every conclusion but an interruption writes: the run is over, its progress goes. */
const RUN_RELEASED: WorkPatch = { progress: Data.EMPTY, runOwner: null, leaseExpiresAt: 0 };

/**
 * Periodic work forgets its override after a run concludes, unless the app set or cleared it
 * while the run was going (spec §7.1): then the override generation moved on and the new value
 * applies to the next run.
 */
function overrideAfterRun(spec: WorkSpec): WorkPatch {
  return isPeriodic(spec) && spec.nextScheduleTimeOverrideGeneration === spec.runOverrideGeneration
    ? { nextScheduleTimeOverride: Number.POSITIVE_INFINITY }
    : {};
}

/**
 * ENQUEUED → RUNNING when a runner claims the work (spec §3.2 trySetRunning): one more
 * attempt, NOT_STOPPED, the owner's lease, and the override generation the run starts with.
 */
export function claimPatch(
  spec: WorkSpec,
  params: { readonly now: number; readonly owner: string; readonly leaseExpiresAt: number },
): WorkPatch {
  return {
    state: 'RUNNING',
    runAttemptCount: spec.runAttemptCount + 1,
    stopReason: StopReason.NOT_STOPPED,
    runOwner: params.owner,
    leaseExpiresAt: params.leaseExpiresAt,
    nextRunAt: Number.POSITIVE_INFINITY,
    runOverrideGeneration: spec.nextScheduleTimeOverrideGeneration,
  };
}

/**
 * What a run's outcome does to its RUNNING work (spec §3.2, §7). One-time work finishes with
 * its output; periodic work starts its next period on success or failure (output dropped);
 * retry re-enqueues with backoff from now; an interruption re-enqueues with the stop reason,
 * keeping the old enqueue time, attempts, progress and override. `spec` is the row as stored
 * now, so an override changed mid-run is seen.
 */
export function concludeRunPatch(
  spec: WorkSpec,
  outcome: RunOutcome,
  now: number,
  semantics?: WorkSemantics,
): WorkPatch {
  switch (outcome.kind) {
    case 'success':
    case 'failure':
      if (!isPeriodic(spec)) {
        return withNextRunAt(
          spec,
          {
            ...RUN_RELEASED,
            state: outcome.kind === 'success' ? 'SUCCEEDED' : 'FAILED',
            output: outcome.output,
          },
          semantics,
        );
      }
      return withNextRunAt(
        spec,
        {
          ...RUN_RELEASED,
          ...overrideAfterRun(spec),
          state: 'ENQUEUED',
          runAttemptCount: 0,
          periodCount: spec.periodCount + 1,
          lastEnqueueTime: now,
          stopReason: StopReason.NOT_STOPPED,
        },
        semantics,
      );
    case 'retry':
      return withNextRunAt(
        spec,
        {
          ...RUN_RELEASED,
          ...overrideAfterRun(spec),
          state: 'ENQUEUED',
          lastEnqueueTime: now,
          stopReason: StopReason.NOT_STOPPED,
        },
        semantics,
      );
    case 'interrupted':
      return withNextRunAt(
        spec,
        { state: 'ENQUEUED', stopReason: outcome.stopReason, runOwner: null, leaseExpiresAt: 0 },
        semantics,
      );
  }
}

/**
 * RUNNING → ENQUEUED for a run whose process died or whose lease expired (spec §13): stop
 * reason UNKNOWN, progress dropped, attempts and enqueue time kept, so it is backed off from
 * its old enqueue time and usually due at once.
 */
export function recoverRunPatch(spec: WorkSpec, semantics?: WorkSemantics): WorkPatch {
  return withNextRunAt(
    spec,
    { ...RUN_RELEASED, state: 'ENQUEUED', stopReason: StopReason.UNKNOWN },
    semantics,
  );
}

/**
 * → CANCELLED by the cancel API or a REPLACE (spec §9): stop reason CANCELLED_BY_APP only when
 * a run was live, as androidx's `setCancelledState` does.
 */
export function cancelPatch(spec: WorkSpec): WorkPatch {
  return {
    state: 'CANCELLED',
    stopReason: spec.state === 'RUNNING' ? StopReason.CANCELLED_BY_APP : StopReason.NOT_STOPPED,
    runOwner: null,
    leaseExpiresAt: 0,
    nextRunAt: Number.POSITIVE_INFINITY,
  };
}

/** BLOCKED → ENQUEUED once every prerequisite SUCCEEDED (spec §6.2); its clock starts now. */
export function unblockPatch(spec: WorkSpec, now: number, semantics?: WorkSemantics): WorkPatch {
  return withNextRunAt(spec, { state: 'ENQUEUED', lastEnqueueTime: now }, semantics);
}

/**
 * → FAILED because an ancestor failed (spec §6.2). The output stays as it is (EMPTY: such work
 * never ran). A live run, which cannot normally exist here, would lose its lease.
 */
export function cascadeFailPatch(spec: WorkSpec): WorkPatch {
  const patch: WorkPatch = { state: 'FAILED', nextRunAt: Number.POSITIVE_INFINITY };
  return spec.state === 'RUNNING' ? { ...patch, runOwner: null, leaseExpiresAt: 0 } : patch;
}
