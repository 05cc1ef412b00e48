import { WorkError } from '../../model/work-error.js';
import type { RowRead, WorkRowBackend, WorkRowSession } from '../../ports/work-row-session.js';
import type { WorkTransaction, WorkTransactionRunner } from '../../ports/work-transaction.js';
import { mergeHints } from './merge-hints.js';
import { MissingRead, SnapshotTransaction } from './snapshot-transaction.js';

/** How calls share transactions. */
export interface SessionBatching {
  /** Writing sessions open at once. Default 4. */
  readonly lanes?: number;
  /** Calls that may share one session. Default 64; 1 turns batching off. */
  readonly maxBatch?: number;
}

/** One store call waiting for a writing session. */
interface Call {
  readonly fn: (tx: WorkTransaction) => unknown;
  readonly hints: readonly RowRead[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Thrown inside a batch when one call failed on its own: the others run again without it. */
class CallFailed {}

/**
 * Runs the core's synchronous store operations over an asynchronous backend. An operation
 * runs against a {@link SnapshotTransaction}; when it needs a row not read yet, the row is
 * read (and, in a writing session, locked) and the operation runs again from the start. It
 * is deterministic in what it reads, so the last run, which needed nothing more, is the one
 * whose writes are applied. `hints` are reads known to be needed, fetched before the first
 * run to save round trips.
 *
 * Group commit: calls made while every lane is busy share the next session. They run one
 * after the other over one snapshot (each sees the writes of those before it, as in separate
 * transactions committed in that order), their known reads are fetched together and their
 * writes applied together, and each resolves once that session has committed. A call that
 * throws fails alone; if the session itself fails, each call of it is run again on its own.
 */
export function sessionTransactionRunner(
  backend: WorkRowBackend,
  batching: SessionBatching = {},
): WorkTransactionRunner {
  const lanes = batching.lanes ?? 4;
  const maxBatch = batching.maxBatch ?? 64;
  const queue: Call[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let activeLanes = 0;
  let closed = false;

  const track = <T>(promise: () => Promise<T>): Promise<T> => {
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

  const lane = async (): Promise<void> => {
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          const outcomes = await backend.session('write', (session) => runBatch(session, batch));
          outcomes.forEach((outcome, i) => {
            if (outcome.ok) batch[i]!.resolve(outcome.value);
            else batch[i]!.reject(outcome.error);
          });
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          // The session failed (not one call): give each call a session of its own.
          for (const call of batch) {
            backend
              .session('write', (session) => runBatch(session, [call]))
              .then(
                ([outcome]) =>
                  outcome!.ok ? call.resolve(outcome!.value) : call.reject(outcome!.error),
                call.reject,
              );
          }
        }
      }
    } finally {
      activeLanes--;
    }
  };

  return {
    capabilities: backend.capabilities,
    transact: <T>(
      fn: (tx: WorkTransaction) => T,
      options: { readonly hints?: readonly RowRead[]; readonly within?: unknown } = {},
    ) =>
      track(() => {
        if (options.within !== undefined) {
          // The caller's transaction: alone, on its session, committed by the caller.
          return backend
            .session(
              'write',
              (session) => runBatch(session, [call(fn, options.hints)]),
              options.within,
            )
            .then(([outcome]) => settle<T>(outcome!));
        }
        return new Promise<T>((resolve, reject) => {
          queue.push({
            ...call(fn, options.hints),
            resolve: resolve as (v: unknown) => void,
            reject,
          });
          if (activeLanes < lanes) {
            activeLanes++;
            void lane();
          }
        });
      }),
    read: (fn) => track(() => backend.session('read', (session) => readOnly(session, fn))),
    async close() {
      if (closed) return;
      closed = true;
      // Calls already made finish first; later ones reject.
      await Promise.allSettled([...inFlight]);
      await backend.close();
    },
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function call(
  fn: (tx: WorkTransaction) => unknown,
  hints: readonly RowRead[] = [],
): Omit<Call, 'resolve' | 'reject'> & Pick<Call, 'resolve' | 'reject'> {
  return { fn, hints, resolve: () => {}, reject: () => {} };
}

function settle<T>(outcome: Outcome): T {
  if (outcome.ok) return outcome.value as T;
  throw outcome.error;
}

/** Reads one batch may make before it is taken for a loop (a cascade reads one per work). */
const MAX_READS = 100_000;

/**
 * Runs the calls of one session over one snapshot until none needs another read, locks what
 * they write, applies their writes. Returns each call's outcome; only a session failure
 * (a rejected read or write) rejects.
 */
async function runBatch(session: WorkRowSession, calls: readonly Call[]): Promise<Outcome[]> {
  const snapshot = new SnapshotTransaction();
  await snapshot.loadAll(session, mergeHints(calls.flatMap((c) => c.hints)));
  const failed = new Map<Call, unknown>();
  for (let reads = 0; ; reads++) {
    const values = new Map<Call, unknown>();
    snapshot.reset();
    try {
      for (const c of calls) {
        if (failed.has(c)) continue;
        try {
          values.set(c, c.fn(snapshot));
        } catch (error) {
          if (error instanceof MissingRead) throw error;
          failed.set(c, error);
          throw new CallFailed();
        }
      }
    } catch (error) {
      if (error instanceof CallFailed) continue; // again, without the failed call's writes
      const missing = error as MissingRead;
      if (reads >= MAX_READS) {
        throw new WorkError(
          'STORE_FAILURE',
          `A store operation still needed rows after ${MAX_READS} reads (last: ${missing.read.kind}).`,
        );
      }
      await snapshot.load(session, missing.read);
      continue;
    }
    if (snapshot.hasWrites) {
      // Lock what this run writes; a row that changed meanwhile means running it again.
      let stale = false;
      for (let lock = snapshot.missingLocks(); lock && !stale; lock = snapshot.missingLocks()) {
        stale = await snapshot.load(session, lock);
      }
      if (stale) continue;
      await session.apply(snapshot.writes());
    }
    return calls.map((c) =>
      failed.has(c) ? { ok: false, error: failed.get(c) } : { ok: true, value: values.get(c) },
    );
  }
}

/** A read-only call: plain reads, and no writes allowed. */
async function readOnly<T>(session: WorkRowSession, fn: (tx: WorkTransaction) => T): Promise<T> {
  const snapshot = new SnapshotTransaction();
  for (;;) {
    let result: T;
    try {
      result = fn(snapshot.reset());
    } catch (error) {
      if (!(error instanceof MissingRead)) throw error;
      await snapshot.load(session, error.read);
      continue;
    }
    if (snapshot.hasWrites) {
      throw new WorkError('ILLEGAL_STATE', 'A read-only store call tried to write.');
    }
    return result;
  }
}
