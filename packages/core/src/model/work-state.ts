/**
 * The six states of a work, as androidx.work names them (spec §3).
 *
 * ENQUEUED waits for its time and constraints; RUNNING has a live run; BLOCKED waits for
 * prerequisites; SUCCEEDED, FAILED and CANCELLED are finished and terminal.
 */
export type WorkState = 'ENQUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'BLOCKED' | 'CANCELLED';

/** Every state, in androidx's declaration order. */
export const WORK_STATES: readonly WorkState[] = [
  'ENQUEUED',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'BLOCKED',
  'CANCELLED',
];

/** The finished states: nothing ever moves a work out of one of these (spec §3.2). */
export const FINISHED_STATES: readonly WorkState[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** True for SUCCEEDED, FAILED and CANCELLED — androidx's `WorkInfo.State.isFinished`. */
export function isFinished(state: WorkState): boolean {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
}

/** Narrowing check for untrusted input (queries, CLI, wire protocols). */
export function isWorkState(value: unknown): value is WorkState {
  return typeof value === 'string' && (WORK_STATES as readonly string[]).includes(value);
}
