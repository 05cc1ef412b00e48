import { describe, expect, it } from 'vitest';
import {
  ALL_CONDITIONS_MET,
  MissingRead,
  type RowRead,
  SnapshotTransaction,
  type StoredWork,
  type WorkRowSession,
} from '../../src/index.js';
import { workSpecFixture } from '../../src/testing/index.js';

const stored = (id: string, nextRunAt: number, seq: number): StoredWork => ({
  spec: workSpecFixture(id, { nextRunAt }),
  seq,
  version: 0,
});

/** A session that answers one due read with the given rows. */
const answering = (rows: StoredWork[]): WorkRowSession => ({
  read: (async () => rows) as WorkRowSession['read'],
  apply: async () => {},
});

const missing = (fn: () => unknown): RowRead | null => {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof MissingRead) return error.read;
    throw error;
  }
};

describe('SnapshotTransaction: due work answered only from a complete read', () => {
  const conditions = ALL_CONDITIONS_MET;

  it('asks first, then answers from the rows the read returned', async () => {
    const tx = new SnapshotTransaction();
    expect(missing(() => tx.findDueWork({ now: 10, limit: 2, conditions }))).toMatchObject({
      kind: 'due',
      now: 10,
      limit: 2,
    });
    await tx.load(answering([stored('a', 5, 1), stored('b', 8, 2)]), {
      kind: 'due',
      now: 10,
      limit: 2,
      conditions,
    });
    expect(tx.findDueWork({ now: 10, limit: 2, conditions }).map((w) => w.id)).toEqual(['a', 'b']);
    // Every row due by 7 comes before the last row read (due at 8): complete.
    expect(tx.findDueWork({ now: 7, limit: 5, conditions }).map((w) => w.id)).toEqual(['a']);
  });

  it('asks for more when the read may have stopped short, and again for a later now', async () => {
    const tx = new SnapshotTransaction();
    await tx.load(answering([stored('a', 5, 1), stored('b', 8, 2)]), {
      kind: 'due',
      now: 10,
      limit: 2,
      conditions,
    });
    const more = missing(() => tx.findDueWork({ now: 10, limit: 5, conditions }));
    expect(more).toMatchObject({ kind: 'due', now: 10 });
    expect((more as Extract<RowRead, { kind: 'due' }>).limit).toBeGreaterThanOrEqual(5);
    expect(missing(() => tx.findDueWork({ now: 11, limit: 1, conditions }))).toMatchObject({
      kind: 'due',
      now: 11,
    });
  });

  it('a read that returned fewer rows than asked is complete for any limit', async () => {
    const tx = new SnapshotTransaction();
    await tx.load(answering([stored('a', 5, 1)]), { kind: 'due', now: 10, limit: 3, conditions });
    expect(tx.findDueWork({ now: 10, limit: 50, conditions }).map((w) => w.id)).toEqual(['a']);
  });
});
