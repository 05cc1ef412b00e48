import { WorkError } from '../../model/work-error.js';
import type { RowRead, WorkRowBackend } from '../../ports/work-row-session.js';
import type { WorkTransaction, WorkTransactionRunner } from '../../ports/work-transaction.js';
import { MissingRead, SnapshotTransaction } from './snapshot-transaction.js';

/**
 * Runs the core's synchronous store operations over an asynchronous backend. An operation
 * runs against a {@link SnapshotTransaction}; when it needs a row not read yet, the row is
 * read (and, in a writing session, locked) and the operation runs again from the start. It
 * is deterministic in what it reads, so the last run, which needed nothing more, is the one
 * whose writes are applied. `hints` are reads known to be needed, fetched before the first
 * run to save round trips.
 */
export function sessionTransactionRunner(backend: WorkRowBackend): WorkTransactionRunner {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  const call = <T>(promise: () => Promise<T>): Promise<T> => {
    if (closed) {
      return Promise.reject(
        new WorkError('STORE_CLOSED', 'The store is closed: create a new one to keep working.'),
      );
    }
    const pending = promise();
    inFlight.add(pending);
    const forget = (): void => {
      inFlight.delete(pending);
    };
    pending.then(forget, forget);
    return pending;
  };
  return {
    capabilities: backend.capabilities,
    transact: (fn, options) => call(() => run(backend, 'write', fn, options)),
    read: (fn) => call(() => run(backend, 'read', fn)),
    async close() {
      if (closed) return;
      closed = true;
      // Calls already made finish first; later ones reject.
      await Promise.allSettled([...inFlight]);
      await backend.close();
    },
  };
}

/** Reads one operation may make before it is taken for a loop (a cascade reads one per work). */
const MAX_READS = 1000;

function run<T>(
  backend: WorkRowBackend,
  mode: 'read' | 'write',
  fn: (tx: WorkTransaction) => T,
  options: { readonly hints?: readonly RowRead[]; readonly within?: unknown } = {},
): Promise<T> {
  return backend.session(
    mode,
    async (session) => {
      const snapshot = new SnapshotTransaction();
      await snapshot.loadAll(session, options.hints ?? []);
      for (let reads = 0; ; reads++) {
        let result: T;
        try {
          result = fn(snapshot.reset());
        } catch (error) {
          if (!(error instanceof MissingRead)) throw error;
          if (reads >= MAX_READS) {
            throw new WorkError(
              'STORE_FAILURE',
              `A store operation still needed rows after ${MAX_READS} reads (last: ${error.read.kind}).`,
            );
          }
          await snapshot.load(session, error.read);
          continue;
        }
        if (!snapshot.hasWrites) return result;
        if (mode === 'read') {
          throw new WorkError('ILLEGAL_STATE', 'A read-only store call tried to write.');
        }
        // Lock what this run writes; a row that changed meanwhile means running it again.
        let stale = false;
        for (let lock = snapshot.missingLocks(); lock && !stale; lock = snapshot.missingLocks()) {
          stale = await snapshot.load(session, lock);
        }
        if (stale) continue;
        await session.apply(snapshot.writes());
        return result;
      }
    },
    options.within,
  );
}
