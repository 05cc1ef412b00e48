import { WorkError } from '../model/work-error.js';
import type { WorkSpec } from '../model/work-spec.js';
import { ALL_CONDITIONS_MET, type DeviceConditions } from '../ports/device-conditions.js';
import type { Logger } from '../ports/logger.js';
import type { WorkStore } from '../ports/work-store.js';
import type {
  WorkPatch,
  WorkSelector,
  WorkTransaction,
  WorkTransactionRunner,
} from '../ports/work-transaction.js';
import { constraintsMet } from '../rules/constraints-met.js';
import { type DueEntry, DueWorkQueue } from './due-work-queue.js';
import { matchesSelector } from './work-selector-match.js';
import { workStoreFromTransactions } from './work-store-from-transactions.js';

const ALL_NETWORK_TYPES = ALL_CONDITIONS_MET.networkTypes;

interface Row {
  readonly spec: WorkSpec;
  readonly seq: number;
  /** Changes with every write of the row; due-queue entries with another stamp are stale. */
  readonly stamp: number;
}

/**
 * The reference store: everything in memory, nothing durable. Used by tests, simulations and
 * as the default of `createWorkManager`.
 */
export function memoryStore(options: { logger?: Logger } = {}): WorkStore {
  return workStoreFromTransactions(memoryTransactionRunner(), options);
}

/**
 * In-memory tables behind the row-level port. A transaction runs synchronously when called,
 * which makes it atomic on a single-threaded runtime; an undo log rolls back a call that throws.
 */
export function memoryTransactionRunner(): WorkTransactionRunner {
  const rows = new Map<string, Row>();
  const byTag = new Map<string, Set<string>>();
  const byName = new Map<string, Set<string>>();
  const dependents = new Map<string, Set<string>>();
  const enqueued = new Set<string>();
  const running = new Set<string>();
  const settings = new Map<string, number>();
  let nextSeq = 0;
  let nextStamp = 0;
  const due = new DueWorkQueue((entry) => rows.get(entry.id)?.stamp === entry.stamp);
  let closed = false;
  let undo: (() => void)[] | null = null;

  const index = (map: Map<string, Set<string>>, key: string, id: string, add: boolean): void => {
    let set = map.get(key);
    if (add) {
      if (!set) map.set(key, (set = new Set()));
      set.add(id);
    } else if (set) {
      set.delete(id);
      if (set.size === 0) map.delete(key);
    }
  };

  const setRow = (id: string, next: Row | undefined): void => {
    const previous = rows.get(id);
    undo?.push(() => setRow(id, previous));
    // Most writes patch state and times only: re-index tags, name and prerequisites only when
    // they changed (patches carry the same array when they do not touch it).
    const a = previous?.spec;
    const b = next?.spec;
    const sameLinks =
      a !== undefined &&
      b !== undefined &&
      a.tags === b.tags &&
      a.uniqueName === b.uniqueName &&
      a.prerequisites === b.prerequisites;
    for (const [spec, add] of [
      [a, false],
      [b, true],
    ] as const) {
      if (!spec) continue;
      if (!sameLinks) {
        for (const tag of spec.tags) index(byTag, tag, id, add);
        if (spec.uniqueName !== null) index(byName, spec.uniqueName, id, add);
        for (const p of spec.prerequisites) index(dependents, p, id, add);
      }
      if (spec.state === 'ENQUEUED') add ? enqueued.add(id) : enqueued.delete(id);
      if (spec.state === 'RUNNING') add ? running.add(id) : running.delete(id);
    }
    if (next) {
      rows.set(id, next);
      const { spec } = next;
      if (spec.state === 'ENQUEUED' && Number.isFinite(spec.nextRunAt)) {
        due.push({ at: spec.nextRunAt, seq: next.seq, id, stamp: next.stamp });
      }
    } else {
      rows.delete(id);
    }
    if (due.size > 2 * enqueued.size + 1024) compactDueQueue();
  };

  const compactDueQueue = (): void => {
    const entries: DueEntry[] = [];
    for (const id of enqueued) {
      const row = rows.get(id)!;
      if (Number.isFinite(row.spec.nextRunAt)) {
        entries.push({ at: row.spec.nextRunAt, seq: row.seq, id, stamp: row.stamp });
      }
    }
    due.rebuild(entries);
  };

  const allMet = (conditions: DeviceConditions): boolean =>
    conditions.charging &&
    conditions.batteryNotLow &&
    conditions.deviceIdle &&
    conditions.storageNotLow &&
    ALL_NETWORK_TYPES.every((t) => conditions.networkTypes.includes(t));

  const specsOf = (ids: Iterable<string>): WorkSpec[] => {
    const found: Row[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (row) found.push(row);
    }
    return found.sort((a, b) => a.seq - b.seq).map((r) => r.spec);
  };

  const union = (map: Map<string, Set<string>>, keys: readonly string[]): Set<string> => {
    const ids = new Set<string>();
    for (const key of keys) for (const id of map.get(key) ?? []) ids.add(id);
    return ids;
  };

  const allows = (spec: WorkSpec, conditions: DeviceConditions): boolean =>
    constraintsMet(spec.constraints, conditions);

  const tx: WorkTransaction = {
    getWork: (id) => rows.get(id)?.spec,
    findWorks(selector: WorkSelector) {
      let candidates: Iterable<string> = rows.keys();
      if (selector.ids) candidates = selector.ids;
      else if (selector.tags) candidates = union(byTag, selector.tags);
      else if (selector.uniqueNames) candidates = union(byName, selector.uniqueNames);
      // Candidates drawn from `ids` match it by construction; the rest is checked per row.
      const { ids: _ids, ...rest } = selector;
      return specsOf(new Set(candidates)).filter((s) => matchesSelector(s, rest));
    },
    getDependentIds: (id) => specsOf(dependents.get(id) ?? []).map((s) => s.id),
    findDueWork({ now, limit, conditions }) {
      // Take due entries in order, keep those the conditions allow, then put every taken
      // entry back: the caller's writes (a claim) make them stale if the works change.
      const taken: DueEntry[] = [];
      const found: WorkSpec[] = [];
      while (found.length < limit) {
        const entry = due.peek();
        if (!entry || entry.at > now) break;
        due.take();
        taken.push(entry);
        const spec = rows.get(entry.id)!.spec;
        if (allows(spec, conditions)) found.push(spec);
      }
      for (const entry of taken) due.push(entry);
      return found;
    },
    nextDueTime(conditions) {
      if (allMet(conditions)) return due.peek()?.at ?? Number.POSITIVE_INFINITY;
      let next = Number.POSITIVE_INFINITY;
      for (const id of enqueued) {
        const spec = rows.get(id)!.spec;
        if (spec.nextRunAt < next && allows(spec, conditions)) next = spec.nextRunAt;
      }
      return next;
    },
    findRunning({ leaseExpiredBefore }) {
      return specsOf(running).filter(
        (s) => leaseExpiredBefore === undefined || s.leaseExpiresAt < leaseExpiredBefore,
      );
    },
    insertWork(spec) {
      if (rows.has(spec.id)) {
        throw new WorkError('ILLEGAL_STATE', `Work ${spec.id} already exists.`);
      }
      setRow(spec.id, { spec, seq: nextSeq++, stamp: nextStamp++ });
    },
    updateWork(id, patch: WorkPatch) {
      const row = rows.get(id);
      if (!row) throw new WorkError('WORK_NOT_FOUND', `Work ${id} does not exist.`);
      setRow(id, { spec: { ...row.spec, ...patch, id }, seq: row.seq, stamp: nextStamp++ });
    },
    deleteWork(id) {
      for (const dependentId of [...(dependents.get(id) ?? [])]) {
        const row = rows.get(dependentId)!;
        const prerequisites = row.spec.prerequisites.filter((p) => p !== id);
        setRow(dependentId, {
          spec: { ...row.spec, prerequisites },
          seq: row.seq,
          stamp: nextStamp++,
        });
      }
      setRow(id, undefined);
    },
    getSetting: (key) => settings.get(key),
    setSetting(key, value) {
      const previous = settings.get(key);
      undo?.push(() =>
        previous === undefined ? settings.delete(key) : settings.set(key, previous),
      );
      settings.set(key, value);
    },
  };

  return {
    capabilities: { durable: false, multiProcess: false },
    transact<T>(fn: (tx: WorkTransaction) => T): Promise<T> {
      if (closed) {
        return Promise.reject(
          new WorkError('STORE_CLOSED', 'The store is closed: create a new one to keep working.'),
        );
      }
      const log: (() => void)[] = [];
      undo = log;
      try {
        return Promise.resolve(fn(tx));
      } catch (error) {
        undo = null;
        for (const step of log.reverse()) step();
        return Promise.reject(error);
      } finally {
        undo = null;
      }
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
