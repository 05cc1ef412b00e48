import {
  ALL_CONDITIONS_MET,
  type DeviceConditions,
  WorkError,
  type WorkPatch,
  type WorkSelector,
  type WorkSpec,
  type WorkTransaction,
} from '@workmanager-ts/core';
import type Database from 'better-sqlite3';
import { isSqliteError } from './sqlite-error-mapping.js';
import {
  decodeWork,
  encodeWork,
  encodeWorkField,
  isWorkColumnField,
  type SqlValue,
  WORK_COLUMNS,
  type WorkRow,
} from './work-row-codec.js';

const SELECT_WORK = `SELECT ${WORK_COLUMNS.map((c) => `w.${c}`).join(', ')},
  (SELECT json_group_array(t.tag ORDER BY t.rowid) FROM work_tags t WHERE t.work_id = w.id) AS tags,
  (SELECT json_group_array(d.prerequisite_id ORDER BY d.rowid)
     FROM work_dependencies d WHERE d.work_id = w.id) AS prerequisites
  FROM works w`;

const ALL_NETWORK_TYPES = ALL_CONDITIONS_MET.networkTypes;

/** Limits up to this get a statement each with a literal LIMIT (see findDueWork). */
const MAX_LITERAL_LIMIT = 128;

/**
 * The row-level port on one SQLite connection. Statements are prepared once and cached (per
 * selector shape, per set of patched columns, per kind of device conditions). It is usable
 * only while the group commit runs the caller's function: {@link activate} / {@link deactivate}
 * bracket that, so a transaction handle kept past its function fails loudly.
 */
export class SqliteWorkTransaction implements WorkTransaction {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  #active = false;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Lets the caller's function use this transaction (called by the group commit). */
  activate(): void {
    this.#active = true;
  }

  /** Ends the caller's use of this transaction. */
  deactivate(): void {
    this.#active = false;
  }

  getWork(id: string): WorkSpec | undefined {
    const row = this.#statement('getWork', () => `${SELECT_WORK} WHERE w.id = ?`, 'raw').get(id) as
      | WorkRow
      | undefined;
    return row && decodeWork(row);
  }

  findWorks(selector: WorkSelector): WorkSpec[] {
    this.#assertActive();
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (selector.ids) {
      where.push('w.id IN (SELECT value FROM json_each(@ids))');
      params.ids = JSON.stringify(selector.ids);
    }
    if (selector.tags) {
      where.push(
        'w.id IN (SELECT t.work_id FROM work_tags t WHERE t.tag IN (SELECT value FROM json_each(@tags)))',
      );
      params.tags = JSON.stringify(selector.tags);
    }
    if (selector.uniqueNames) {
      where.push('w.unique_name IN (SELECT value FROM json_each(@uniqueNames))');
      params.uniqueNames = JSON.stringify(selector.uniqueNames);
    }
    if (selector.states) {
      where.push('w.state IN (SELECT value FROM json_each(@states))');
      params.states = JSON.stringify(selector.states);
    }
    const key = `findWorks:${Object.keys(params).join(',')}`;
    const statement = this.#statement(
      key,
      () =>
        `${SELECT_WORK}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY w.seq`,
      'raw',
    );
    return (statement.all(params) as WorkRow[]).map(decodeWork);
  }

  getDependentIds(id: string): string[] {
    return this.#statement(
      'getDependentIds',
      () =>
        'SELECT d.work_id FROM work_dependencies d JOIN works w ON w.id = d.work_id ' +
        'WHERE d.prerequisite_id = ? ORDER BY w.seq',
      'pluck',
    ).all(id) as string[];
  }

  findDueWork(params: { now: number; limit: number; conditions: DeviceConditions }): WorkSpec[] {
    const filter = conditionsFilter(params.conditions);
    // A literal LIMIT is markedly cheaper than a bound one; engines ask for few distinct limits.
    // SQLite reads a negative LIMIT as "no limit": the stand-in for Infinity.
    const limit =
      params.limit === Number.POSITIVE_INFINITY ? -1 : Math.max(0, Math.floor(params.limit) || 0);
    const literalLimit = limit >= 0 && limit <= MAX_LITERAL_LIMIT;
    const statement = this.#statement(
      `findDueWork:${filter.key}:${literalLimit ? limit : '?'}`,
      () =>
        `${SELECT_WORK} INDEXED BY works_due WHERE w.state = 'ENQUEUED' AND w.next_run_at <= @now` +
        `${filter.sql} ORDER BY w.next_run_at, w.seq LIMIT ${literalLimit ? limit : '@limit'}`,
      'raw',
    );
    const bound: Record<string, string | number> = { ...filter.params, now: params.now };
    if (!literalLimit) bound.limit = limit;
    return (statement.all(bound) as WorkRow[]).map(decodeWork);
  }

  nextDueTime(conditions: DeviceConditions): number {
    const filter = conditionsFilter(conditions);
    const next = this.#statement(
      `nextDueTime:${filter.key}`,
      () =>
        `SELECT w.next_run_at FROM works w INDEXED BY works_due WHERE w.state = 'ENQUEUED' ` +
        `AND w.next_run_at IS NOT NULL${filter.sql} ORDER BY w.next_run_at, w.seq LIMIT 1`,
      'pluck',
    ).get(filter.params) as number | undefined;
    return next ?? Number.POSITIVE_INFINITY;
  }

  findRunning(params: { leaseExpiredBefore?: number }): WorkSpec[] {
    const expiredOnly = params.leaseExpiredBefore !== undefined;
    const statement = this.#statement(
      `findRunning:${expiredOnly}`,
      () =>
        `${SELECT_WORK} INDEXED BY works_running WHERE w.state = 'RUNNING'` +
        `${expiredOnly ? ' AND w.lease_expires_at < @before' : ''} ORDER BY w.seq`,
      'raw',
    );
    const rows = (
      expiredOnly ? statement.all({ before: params.leaseExpiredBefore }) : statement.all()
    ) as WorkRow[];
    return rows.map(decodeWork);
  }

  insertWork(spec: WorkSpec): void {
    const insert = this.#statement(
      'insertWork',
      () =>
        `INSERT INTO works (${WORK_COLUMNS.join(', ')}) ` +
        `VALUES (${WORK_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    try {
      insert.run(encodeWork(spec));
    } catch (error) {
      if (isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new WorkError(
          'ILLEGAL_STATE',
          `Work ${spec.id} already exists: insert a work once, and use updateWork to change it.`,
          { cause: error },
        );
      }
      throw error;
    }
    this.#insertTags(spec.id, spec.tags);
    this.#insertPrerequisites(spec.id, spec.prerequisites);
  }

  updateWork(id: string, patch: WorkPatch): void {
    this.#assertActive();
    const columns: Record<string, SqlValue> = {};
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined || field === 'id' || field === 'tags' || field === 'prerequisites') {
        continue;
      }
      if (!isWorkColumnField(field)) {
        throw new WorkError(
          'INVALID_REQUEST',
          `updateWork got "${field}", which is not a WorkSpec field: patch only WorkSpec fields.`,
        );
      }
      encodeWorkField(field, value as never, columns);
    }
    const names = Object.keys(columns);
    let exists: boolean;
    if (names.length > 0) {
      const update = this.#statement(
        `updateWork:${names.join(',')}`,
        () => `UPDATE works SET ${names.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
      );
      columns.id = id;
      exists = update.run(columns).changes > 0;
    } else {
      exists = this.#exists(id);
    }
    if (!exists) {
      throw new WorkError(
        'WORK_NOT_FOUND',
        `Work ${id} does not exist: read it in the same transaction before updating it.`,
      );
    }
    if (patch.tags !== undefined) {
      this.#statement('deleteTags', () => 'DELETE FROM work_tags WHERE work_id = ?').run(id);
      this.#insertTags(id, patch.tags);
    }
    if (patch.prerequisites !== undefined) {
      this.#statement(
        'deletePrerequisites',
        () => 'DELETE FROM work_dependencies WHERE work_id = ?',
      ).run(id);
      this.#insertPrerequisites(id, patch.prerequisites);
    }
  }

  deleteWork(id: string): void {
    // Tags and dependency rows in both directions go with it (ON DELETE CASCADE).
    this.#statement('deleteWork', () => 'DELETE FROM works WHERE id = ?').run(id);
  }

  getSetting(key: string): number | undefined {
    return this.#statement(
      'getSetting',
      () => 'SELECT value FROM settings WHERE key = ?',
      'pluck',
    ).get(key) as number | undefined;
  }

  setSetting(key: string, value: number): void {
    this.#statement(
      'setSetting',
      () =>
        'INSERT INTO settings (key, value) VALUES (?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  #exists(id: string): boolean {
    return (
      this.#statement('exists', () => 'SELECT 1 FROM works WHERE id = ?', 'pluck').get(id) !==
      undefined
    );
  }

  #insertTags(id: string, tags: readonly string[]): void {
    const insert = this.#statement(
      'insertTag',
      () => 'INSERT OR IGNORE INTO work_tags (tag, work_id) VALUES (?, ?)',
    );
    for (const tag of tags) insert.run(tag, id);
  }

  #insertPrerequisites(id: string, prerequisites: readonly string[]): void {
    const insert = this.#statement(
      'insertPrerequisite',
      () => 'INSERT OR IGNORE INTO work_dependencies (work_id, prerequisite_id) VALUES (?, ?)',
    );
    for (const prerequisite of prerequisites) {
      try {
        insert.run(id, prerequisite);
      } catch (error) {
        if (isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
          throw new WorkError(
            'WORK_NOT_FOUND',
            `Prerequisite ${prerequisite} of work ${id} does not exist: insert prerequisites ` +
              'before the works that depend on them.',
            { cause: error },
          );
        }
        throw error;
      }
    }
  }

  /**
   * The cached statement for `key`, prepared from `sql()` on first use. `raw` returns rows as
   * arrays (several times cheaper than objects for the 34 columns of a work); `pluck` returns
   * the first column only.
   */
  #statement(key: string, sql: () => string, mode?: 'raw' | 'pluck'): Database.Statement {
    this.#assertActive();
    let statement = this.#statements.get(key);
    if (statement === undefined) {
      statement = this.#db.prepare(sql());
      if (mode === 'raw') statement.raw(true);
      else if (mode === 'pluck') statement.pluck(true);
      this.#statements.set(key, statement);
    }
    return statement;
  }

  #assertActive(): void {
    if (!this.#active) {
      throw new WorkError(
        'ILLEGAL_STATE',
        'This WorkTransaction has ended: use it only synchronously inside the function ' +
          'passed to transact, never after an await.',
      );
    }
  }
}

interface ConditionsFilter {
  /** Which constraint columns are filtered; part of the statement cache key. */
  readonly key: string;
  readonly sql: string;
  readonly params: Record<string, string>;
}

const filterCache = new Map<string, Omit<ConditionsFilter, 'params'>>();

/**
 * The WHERE terms that keep works whose constraints the conditions meet. A condition that is
 * met adds no term; the terms read only columns of `works_due`, so filtering needs no row.
 */
function conditionsFilter(conditions: DeviceConditions): ConditionsFilter {
  const networkFiltered = !ALL_NETWORK_TYPES.every((t) => conditions.networkTypes.includes(t));
  const key =
    (networkFiltered ? 'n' : '-') +
    (conditions.charging ? '-' : 'c') +
    (conditions.batteryNotLow ? '-' : 'b') +
    (conditions.deviceIdle ? '-' : 'i') +
    (conditions.storageNotLow ? '-' : 's');
  let cached = filterCache.get(key);
  if (cached === undefined) {
    let sql = '';
    if (networkFiltered) {
      sql +=
        " AND (w.required_network_type = 'NOT_REQUIRED'" +
        ' OR w.required_network_type IN (SELECT value FROM json_each(@networkTypes)))';
    }
    if (!conditions.charging) sql += ' AND w.requires_charging = 0';
    if (!conditions.batteryNotLow) sql += ' AND w.requires_battery_not_low = 0';
    if (!conditions.deviceIdle) sql += ' AND w.requires_device_idle = 0';
    if (!conditions.storageNotLow) sql += ' AND w.requires_storage_not_low = 0';
    cached = { key, sql };
    filterCache.set(key, cached);
  }
  return {
    ...cached,
    params: networkFiltered ? { networkTypes: JSON.stringify(conditions.networkTypes) } : {},
  };
}
