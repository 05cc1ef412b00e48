import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORK_STATES, type WorkState } from '../../src/model/work-state.js';
import { type ExistingUniqueWork, planUniqueWork } from '../../src/rules/unique-work-plan.js';

function member(
  id: string,
  state: WorkState,
  extra: Partial<ExistingUniqueWork> = {},
): ExistingUniqueWork {
  return { id, state, isPeriodic: false, hasDependents: false, ...extra };
}

const FRESH = { kind: 'insert', cancel: [], delete: [], appendTo: [] };

describe('planUniqueWork — ExistingWorkPolicy (spec §5.1)', () => {
  it('inserts a fresh chain under every policy when nothing carries the name', () => {
    for (const policy of [
      'REPLACE',
      'KEEP',
      'APPEND',
      'APPEND_OR_REPLACE',
      'UPDATE',
      'CANCEL_AND_REENQUEUE',
    ] as const) {
      expect(planUniqueWork(policy, [])).toEqual(FRESH);
    }
  });

  it('UQ-03 REPLACE cancels the unfinished members, then deletes every member', () => {
    const existing = [
      member('O', 'ENQUEUED', { isPeriodic: true }),
      member('S', 'SUCCEEDED'),
      member('B', 'BLOCKED'),
    ];
    expect(planUniqueWork('REPLACE', existing)).toEqual({
      kind: 'insert',
      cancel: ['O', 'B'],
      delete: ['O', 'S', 'B'],
      appendTo: [],
    });
  });

  it('UQ-03 CANCEL_AND_REENQUEUE is REPLACE', () => {
    const existing = [member('O', 'RUNNING', { isPeriodic: true })];
    expect(planUniqueWork('CANCEL_AND_REENQUEUE', existing)).toEqual(
      planUniqueWork('REPLACE', existing),
    );
  });

  it('UQ-05 KEEP with an ENQUEUED or RUNNING member inserts nothing', () => {
    expect(planUniqueWork('KEEP', [member('O', 'ENQUEUED', { isPeriodic: true })])).toEqual({
      kind: 'keep',
    });
    expect(planUniqueWork('KEEP', [member('a', 'SUCCEEDED'), member('b', 'RUNNING')])).toEqual({
      kind: 'keep',
    });
  });

  it('UQ-07 KEEP over finished work replaces it', () => {
    expect(planUniqueWork('KEEP', [member('O', 'SUCCEEDED', { isPeriodic: true })])).toEqual({
      ...FRESH,
      delete: ['O'],
    });
  });

  it('KEEP over an all-BLOCKED chain replaces it (cancel, then delete)', () => {
    expect(planUniqueWork('KEEP', [member('a', 'FAILED'), member('b', 'BLOCKED')])).toEqual({
      kind: 'insert',
      cancel: ['b'],
      delete: ['a', 'b'],
      appendTo: [],
    });
  });

  it('UQ-09 APPEND makes the new root depend on the existing work', () => {
    expect(planUniqueWork('APPEND', [member('O', 'ENQUEUED')])).toEqual({
      ...FRESH,
      appendTo: ['O'],
    });
  });

  it('UQ-11 APPEND depends on the leaves only', () => {
    const existing = [
      member('O1', 'ENQUEUED', { hasDependents: true }),
      member('O2', 'BLOCKED', { hasDependents: true }),
      member('O3', 'BLOCKED'),
      member('O4', 'BLOCKED'),
    ];
    expect(planUniqueWork('APPEND', existing)).toEqual({ ...FRESH, appendTo: ['O3', 'O4'] });
  });

  it('APPEND onto FAILED or CANCELLED leaves still appends (the new work starts FAILED/CANCELLED)', () => {
    expect(planUniqueWork('APPEND', [member('P', 'FAILED')])).toEqual({
      ...FRESH,
      appendTo: ['P'],
    });
  });

  it('UQ-13 APPEND_OR_REPLACE with a FAILED leaf deletes the chain without cancelling', () => {
    expect(planUniqueWork('APPEND_OR_REPLACE', [member('P', 'FAILED')])).toEqual({
      ...FRESH,
      delete: ['P'],
    });
    const withRunning = [member('R', 'RUNNING', { hasDependents: true }), member('C', 'CANCELLED')];
    expect(planUniqueWork('APPEND_OR_REPLACE', withRunning)).toEqual({
      ...FRESH,
      delete: ['R', 'C'],
    });
  });

  it('UQ-15 APPEND_OR_REPLACE appends when no leaf FAILED or was CANCELLED', () => {
    expect(planUniqueWork('APPEND_OR_REPLACE', [member('P', 'ENQUEUED')])).toEqual({
      ...FRESH,
      appendTo: ['P'],
    });
    // A FAILED member that is not a leaf does not count.
    const existing = [member('F', 'FAILED', { hasDependents: true }), member('L', 'SUCCEEDED')];
    expect(planUniqueWork('APPEND_OR_REPLACE', existing)).toEqual({ ...FRESH, appendTo: ['L'] });
  });
});

describe('planUniqueWork — UPDATE (spec §5.2)', () => {
  it('UQ-17 updates the one unfinished periodic member in place', () => {
    for (const state of ['ENQUEUED', 'RUNNING', 'BLOCKED'] as const) {
      expect(planUniqueWork('UPDATE', [member('O', state, { isPeriodic: true })])).toEqual({
        kind: 'update',
        id: 'O',
      });
    }
  });

  it('UQ-19 enqueues the new request when nothing carries the name', () => {
    expect(planUniqueWork('UPDATE', [])).toEqual(FRESH);
  });

  it('deletes a CANCELLED periodic member and inserts the new request', () => {
    expect(planUniqueWork('UPDATE', [member('O', 'CANCELLED', { isPeriodic: true })])).toEqual({
      ...FRESH,
      delete: ['O'],
    });
  });

  it('does nothing for a SUCCEEDED or FAILED periodic member', () => {
    for (const state of ['SUCCEEDED', 'FAILED'] as const) {
      expect(planUniqueWork('UPDATE', [member('O', state, { isPeriodic: true })])).toEqual({
        kind: 'not-applied',
        id: 'O',
      });
    }
  });

  it('rejects chains and one-time work with UNSUPPORTED_OPERATION', () => {
    const chain = [
      member('a', 'ENQUEUED', { isPeriodic: true, hasDependents: true }),
      member('b', 'BLOCKED', { isPeriodic: true }),
    ];
    expect(planUniqueWork('UPDATE', chain)).toMatchObject({
      kind: 'error',
      code: 'UNSUPPORTED_OPERATION',
    });
    expect(planUniqueWork('UPDATE', [member('a', 'CANCELLED')])).toMatchObject({
      kind: 'error',
      code: 'UNSUPPORTED_OPERATION',
    });
  });
});

describe('planUniqueWork properties', () => {
  const arbitraryExisting = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      state: fc.constantFrom(...WORK_STATES),
      isPeriodic: fc.boolean(),
      hasDependents: fc.boolean(),
    }),
    { selector: (w) => w.id, maxLength: 8 },
  );

  it('KEEP never cancels or deletes an ENQUEUED or RUNNING member', () => {
    fc.assert(
      fc.property(arbitraryExisting, (existing) => {
        const plan = planUniqueWork('KEEP', existing);
        const active = existing.some((w) => w.state === 'ENQUEUED' || w.state === 'RUNNING');
        expect(plan.kind).toBe(active ? 'keep' : 'insert');
        if (plan.kind === 'insert') {
          const touched = new Set([...plan.cancel, ...plan.delete]);
          for (const w of existing) {
            if (w.state === 'ENQUEUED' || w.state === 'RUNNING') {
              expect(touched.has(w.id)).toBe(false);
            }
          }
        }
      }),
    );
  });

  it('REPLACE leaves no old member undeleted and cancels exactly the unfinished ones', () => {
    fc.assert(
      fc.property(arbitraryExisting, (existing) => {
        const plan = planUniqueWork('REPLACE', existing);
        if (plan.kind !== 'insert') throw new Error(`expected an insert plan, got ${plan.kind}`);
        expect([...plan.delete].sort()).toEqual(existing.map((w) => w.id).sort());
        expect([...plan.cancel].sort()).toEqual(
          existing
            .filter((w) => !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(w.state))
            .map((w) => w.id)
            .sort(),
        );
        expect(plan.appendTo).toEqual([]);
      }),
    );
  });
});
