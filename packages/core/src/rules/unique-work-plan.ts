import type {
  ExistingPeriodicWorkPolicy,
  ExistingWorkPolicy,
} from '../model/existing-work-policy.js';
import { isFinished, type WorkState } from '../model/work-state.js';

/** One work currently carrying the unique name, in any state (spec §5). */
export interface ExistingUniqueWork {
  readonly id: string;
  readonly state: WorkState;
  readonly isPeriodic: boolean;
  /** True when any work depends on it; members without dependents are the chain's leaves. */
  readonly hasDependents: boolean;
}

/**
 * What enqueueing under a unique name must do, decided before anything is written so that the
 * store applies it in one transaction (spec §5.1, §5.2).
 */
export type UniqueWorkPlan =
  /**
   * Insert the new root level: first cancel `cancel` (with their dependents), then delete
   * `delete`, then insert with `appendTo` (the old chain's leaves) as extra prerequisites.
   */
  | {
      readonly kind: 'insert';
      readonly cancel: string[];
      readonly delete: string[];
      readonly appendTo: string[];
    }
  /** KEEP met an ENQUEUED or RUNNING member: insert nothing. */
  | { readonly kind: 'keep' }
  /** UPDATE on the one unfinished periodic member: update `id` in place (spec §8). */
  | { readonly kind: 'update'; readonly id: string }
  /** UPDATE on the one SUCCEEDED or FAILED periodic member: nothing changes. */
  | { readonly kind: 'not-applied'; readonly id: string }
  /** UPDATE on a chain or on one-time work: reject, writing nothing. */
  | { readonly kind: 'error'; readonly code: 'UNSUPPORTED_OPERATION'; readonly message: string };

/** An insert plan with fresh arrays, so callers may keep or change what they are given. */
function insertPlan(
  parts: { cancel?: string[]; delete?: string[]; appendTo?: string[] } = {},
): UniqueWorkPlan {
  return {
    kind: 'insert',
    cancel: parts.cancel ?? [],
    delete: parts.delete ?? [],
    appendTo: parts.appendTo ?? [],
  };
}

/**
 * Decides what a unique-name enqueue does to the works already under that name, in any state.
 * Takes one-time policies and periodic ones: periodic KEEP is KEEP, REPLACE and
 * CANCEL_AND_REENQUEUE are REPLACE, UPDATE follows spec §5.2.
 */
export function planUniqueWork(
  policy: ExistingWorkPolicy | ExistingPeriodicWorkPolicy,
  existing: readonly ExistingUniqueWork[],
): UniqueWorkPlan {
  if (existing.length === 0) return insertPlan();
  switch (policy) {
    case 'UPDATE':
      return planUpdate(existing);
    case 'KEEP':
      if (existing.some((w) => w.state === 'ENQUEUED' || w.state === 'RUNNING')) {
        return { kind: 'keep' };
      }
      return planReplace(existing);
    case 'REPLACE':
    case 'CANCEL_AND_REENQUEUE':
      return planReplace(existing);
    case 'APPEND':
      return insertPlan({ appendTo: leavesOf(existing) });
    case 'APPEND_OR_REPLACE': {
      const leaves = existing.filter((w) => !w.hasDependents);
      if (leaves.some((w) => w.state === 'FAILED' || w.state === 'CANCELLED')) {
        // Deleted without a cancel step: a still-running member's result is later ignored.
        return insertPlan({ delete: existing.map((w) => w.id) });
      }
      return insertPlan({ appendTo: leaves.map((w) => w.id) });
    }
  }
}

/** REPLACE: cancel the unfinished members (and their dependents), then delete every member. */
function planReplace(existing: readonly ExistingUniqueWork[]): UniqueWorkPlan {
  return insertPlan({
    cancel: existing.filter((w) => !isFinished(w.state)).map((w) => w.id),
    delete: existing.map((w) => w.id),
  });
}

function leavesOf(existing: readonly ExistingUniqueWork[]): string[] {
  return existing.filter((w) => !w.hasDependents).map((w) => w.id);
}

/** The table of spec §5.2 for a non-empty name. */
function planUpdate(existing: readonly ExistingUniqueWork[]): UniqueWorkPlan {
  const [only, ...others] = existing;
  if (only === undefined || others.length > 0) {
    return {
      kind: 'error',
      code: 'UNSUPPORTED_OPERATION',
      message:
        "Can't apply the UPDATE policy to a chain of work: use REPLACE or KEEP for this unique name, or cancel it first.",
    };
  }
  if (!only.isPeriodic) {
    return {
      kind: 'error',
      code: 'UNSUPPORTED_OPERATION',
      message: `Can't update one-time work ${only.id} with periodic work: UPDATE must keep the work's type; use REPLACE to swap it.`,
    };
  }
  if (only.state === 'CANCELLED') return insertPlan({ delete: [only.id] });
  if (only.state === 'SUCCEEDED' || only.state === 'FAILED') {
    return { kind: 'not-applied', id: only.id };
  }
  return { kind: 'update', id: only.id };
}
