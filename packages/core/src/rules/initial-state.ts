import type { WorkSemantics } from '../model/work-semantics.js';
import { NOT_ENQUEUED, type WorkSpec } from '../model/work-spec.js';
import type { WorkState } from '../model/work-state.js';
import { nextRunTimeOf } from './next-run-time.js';

/**
 * The state a work is inserted in, from its prerequisites' current states (spec §3.1):
 * ENQUEUED when there are none or all SUCCEEDED; else FAILED if any FAILED (FAILED beats
 * CANCELLED); else CANCELLED if any CANCELLED; else BLOCKED until they finish.
 */
export function initialStateFor(
  prerequisiteStates: readonly WorkState[],
): 'ENQUEUED' | 'BLOCKED' | 'FAILED' | 'CANCELLED' {
  if (prerequisiteStates.every((s) => s === 'SUCCEEDED')) return 'ENQUEUED';
  if (prerequisiteStates.includes('FAILED')) return 'FAILED';
  if (prerequisiteStates.includes('CANCELLED')) return 'CANCELLED';
  return 'BLOCKED';
}

/**
 * The row to insert for a request template: its initial state (§3.1), `lastEnqueueTime = now`
 * only when it starts ENQUEUED (else {@link NOT_ENQUEUED}), and the matching `nextRunAt`.
 * Stores call this inside the enqueue transaction, with the prerequisites' states as stored.
 */
export function newWorkPatch(
  template: WorkSpec,
  prerequisiteStates: readonly WorkState[],
  now: number,
  semantics?: WorkSemantics,
): WorkSpec {
  const state = initialStateFor(prerequisiteStates);
  const spec: WorkSpec = {
    ...template,
    state,
    lastEnqueueTime: state === 'ENQUEUED' ? now : NOT_ENQUEUED,
  };
  return { ...spec, nextRunAt: nextRunTimeOf(spec, semantics) };
}
