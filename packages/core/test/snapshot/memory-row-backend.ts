import type {
  RowRead,
  RowReadResults,
  RowWrites,
  StoredWork,
  WorkRowBackend,
  WorkRowSession,
} from '../../src/index.js';
import { constraintsMet, memoryTransactionRunner, type WorkSpec } from '../../src/index.js';

/**
 * An asynchronous backend over the memory store's tables, for testing the snapshot runner
 * without a database: every read is its own call (as a round trip would be) and the writes
 * of a session land in one memory transaction. `reads` counts the round trips.
 */
export function memoryRowBackend(): WorkRowBackend & { reads: number; sessions: number } {
  const runner = memoryTransactionRunner();
  const seqs = new Map<string, number>();
  const versions = new Map<string, number>();
  let nextSeq = 0;
  let nextVersion = 0;
  const stored = (spec: WorkSpec): StoredWork => ({
    spec,
    seq: seqs.get(spec.id)!,
    version: versions.get(spec.id)!,
  });
  // Writing sessions one at a time: what a database's row locks give the snapshot runner.
  let writer: Promise<unknown> = Promise.resolve();

  const session: WorkRowSession = {
    read: <K extends RowRead['kind']>(read: Extract<RowRead, { kind: K }>) => {
      backend.reads++;
      return runner.transact((tx) => answer(read as RowRead, tx)) as Promise<RowReadResults[K]>;
    },
    // Several reads in one round trip, as a database answers one statement.
    readMany: async (reads) => {
      backend.reads++;
      return runner.transact((tx) => reads.map((read) => answer(read, tx)));
    },
    apply: (writes: RowWrites) =>
      runner.transact((tx) => {
        for (const id of writes.deleted) tx.deleteWork(id);
        for (const spec of writes.updated) {
          tx.updateWork(spec.id, spec);
          versions.set(spec.id, nextVersion++);
        }
        for (const spec of writes.inserted) {
          tx.insertWork(spec);
          seqs.set(spec.id, nextSeq++);
          versions.set(spec.id, nextVersion++);
        }
        for (const [key, value] of writes.settings) tx.setSetting(key, value);
      }),
  };

  const answer = (
    read: RowRead,
    tx: Parameters<Parameters<typeof runner.transact>[0]>[0],
  ): RowReadResults[RowRead['kind']] => {
    switch (read.kind) {
      case 'works':
        return read.ids.flatMap((id) => {
          const spec = tx.getWork(id);
          return spec ? [stored(spec)] : [];
        });
      case 'dependents': {
        const ids = new Set(read.ids.flatMap((id) => tx.getDependentIds(id)));
        return [...ids].map((id) => stored(tx.getWork(id)!));
      }
      case 'select':
        return tx.findWorks(read.selector).map(stored);
      case 'due':
        return tx.findDueWork(read).map(stored);
      case 'running':
        return tx.findRunning(read).map(stored);
      case 'nextDue': {
        const excluded = new Set(read.excludingIds);
        let next = Number.POSITIVE_INFINITY;
        for (const spec of tx.findWorks({ states: ['ENQUEUED'] })) {
          if (excluded.has(spec.id) || !constraintsMet(spec.constraints, read.conditions)) continue;
          next = Math.min(next, spec.nextRunAt);
        }
        return next;
      }
      case 'setting':
        return tx.getSetting(read.key);
    }
  };

  const backend = {
    reads: 0,
    sessions: 0,
    capabilities: { durable: false, multiProcess: false },
    session<T>(mode: 'read' | 'write', body: (s: WorkRowSession) => Promise<T>): Promise<T> {
      if (mode === 'read') return body(session);
      backend.sessions++;
      const result = writer.then(() => body(session));
      writer = result.catch(() => {});
      return result;
    },
    close: () => runner.close(),
  };
  return backend;
}
