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
  FIELD_CODEC_BY_NAME,
  FIELD_CODECS,
  type FieldCodec,
  type SqlValue,
  WORK_COLUMNS,
  type WorkRow,
} from './work-row-codec.js';

const SELECT_WORK = `SELECT ${WORK_COLUMNS.map((c) => `w.${c}`).join(', ')} FROM works w`;

const TAGS_BIT = FIELD_CODEC_BY_NAME.tags!.bit;
const PREREQUISITES_BIT = FIELD_CODEC_BY_NAME.prerequisites!.bit;

/** The UPDATE of one set of patched fields, with those fields in parameter order. */
interface PatchStatement {
  readonly statement: Database.Statement;
  readonly codecs: readonly FieldCodec[];
}

const ALL_NETWORK_TYPES = ALL_CONDITIONS_MET.networkTypes;

/** The most works the row cache holds; it is emptied when full. */
export const MAX_CACHED_WORKS = 16_384;

/** Limits up to this get a statement each with a literal LIMIT (see findDueWork). */
const MAX_LITERAL_LIMIT = 128;

/**
 * The row-level port on one SQLite connection. Statements are prepared once and cached (per
 * selector shape, per set of patched columns, per kind of device conditions). It is usable
 * only while the group commit runs the caller's function: {@link activate} / {@link deactivate}
 * bracket that, so a transaction handle kept past its function fails loudly.
 *
 * A write connection also keeps a bounded cache of the works it read by id or found due, with
 * its own later patches applied (WorkSpecs are immutable values), so the reads of a claim's
 * conclusion cost no SQL. It is valid
 * only while no other connection has committed: {@link beginBatch} compares SQLite's
 * `data_version` under the write lock and drops the cache when it moved, and the group commit
 * calls {@link forgetCache} on every rollback.
 */
export class SqliteWorkTransaction implements WorkTransaction {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  /** UPDATE statements by the bit set of the patched fields (see FIELD_CODECS). */
  readonly #patchStatements = new Map<number, PatchStatement>();
  /** A patch's values by field index while an update is encoded (kept to spare allocations). */
  readonly #patchValues: unknown[] = new Array(FIELD_CODECS.length);
  /** findDueWork statements by filter bits and limit (see there). */
  readonly #dueStatements = new Map<number, Database.Statement>();
  #getWork: Database.Statement | undefined;
  #insertWork: Database.Statement | undefined;
  #active = false;
  /** Works by id as committed (or written by this batch); undefined when caching is off. */
  readonly #cache: Map<string, WorkSpec> | undefined;
  readonly #dataVersion: Database.Statement | undefined;
  #seenDataVersion: unknown;

  /**
   * @param options.cache keep the row cache; only for a connection whose batches hold the
   *   write lock (`BEGIN IMMEDIATE`), so no other process can commit during a batch.
   */
  constructor(db: Database.Database, options: { readonly cache: boolean } = { cache: false }) {
    this.#db = db;
    if (options.cache) {
      this.#cache = new Map();
      this.#dataVersion = db.prepare('PRAGMA data_version').pluck(true);
    }
  }

  /**
   * Called by the group commit right after `BEGIN IMMEDIATE`: drops the cache when another
   * connection committed since this one last looked.
   */
  beginBatch(): void {
    if (this.#dataVersion === undefined) return;
    const version = this.#dataVersion.get();
    if (version !== this.#seenDataVersion) {
      this.#cache?.clear();
      this.#seenDataVersion = version;
    }
  }

  /** Drops every cached work: called when a transaction or a savepoint is rolled back. */
  forgetCache(): void {
    this.#cache?.clear();
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
    this.#assertActive();
    const cached = this.#cache?.get(id);
    if (cached !== undefined) return cached;
    this.#getWork ??= this.#statement('getWork', () => `${SELECT_WORK} WHERE w.id = ?`, 'raw');
    const row = this.#getWork.get(id) as WorkRow | undefined;
    if (row === undefined) return undefined;
    const work = decodeWork(row);
    this.#remember(work);
    return work;
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
    this.#assertActive();
    const filter = conditionsFilter(params.conditions);
    // A literal LIMIT is markedly cheaper than a bound one; engines ask for few distinct limits.
    // SQLite reads a negative LIMIT as "no limit": the stand-in for Infinity.
    const limit =
      params.limit === Number.POSITIVE_INFINITY ? -1 : Math.max(0, Math.floor(params.limit) || 0);
    const literalLimit = limit >= 0 && limit <= MAX_LITERAL_LIMIT;
    // A numeric key (filter bits, literal limit or "bound"), so no string is built per call.
    const key = filter.bits * 256 + (literalLimit ? limit : 255);
    let statement = this.#dueStatements.get(key);
    if (statement === undefined) {
      statement = this.#statement(
        `findDueWork:${filter.bits}:${literalLimit ? limit : '?'}`,
        () =>
          `${SELECT_WORK} INDEXED BY works_due WHERE w.state = 'ENQUEUED' AND w.next_run_at <= @now` +
          `${filter.sql} ORDER BY w.next_run_at, w.seq LIMIT ${literalLimit ? limit : '@limit'}`,
        'raw',
      );
      this.#dueStatements.set(key, statement);
    }
    const bound: Record<string, string | number> = { ...filter.params, now: params.now };
    if (!literalLimit) bound.limit = limit;
    const works = (statement.all(bound) as WorkRow[]).map(decodeWork);
    // Due works are about to be claimed and concluded: keep them for those reads.
    if (this.#cache !== undefined) for (const work of works) this.#remember(work);
    return works;
  }

  nextDueTime(conditions: DeviceConditions): number {
    const filter = conditionsFilter(conditions);
    const next = this.#statement(
      `nextDueTime:${filter.bits}`,
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
    this.#assertActive();
    const insert = (this.#insertWork ??= this.#statement(
      'insertWork',
      () =>
        `INSERT INTO works (${WORK_COLUMNS.join(', ')}) ` +
        `VALUES (${WORK_COLUMNS.map(() => '?').join(', ')})`,
    ));
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
    // Not cached: a bulk enqueue would only push out the works about to run.
  }

  updateWork(id: string, patch: WorkPatch): void {
    this.#assertActive();
    // The patched fields as a bit set (the statement's cache key, no string building), their
    // values parked by field index until the statement says in which order to bind them.
    const values = this.#patchValues;
    let fields = 0;
    for (const field in patch) {
      const value = patch[field as keyof WorkPatch];
      if (value === undefined) continue;
      const codec = FIELD_CODEC_BY_NAME[field];
      if (codec === undefined) {
        if (field === 'id') continue;
        throw new WorkError(
          'INVALID_REQUEST',
          `updateWork got "${field}", which is not a WorkSpec field: patch only WorkSpec fields.`,
        );
      }
      fields |= codec.bit;
      values[codec.index] = value;
    }
    let exists: boolean;
    if (fields !== 0) {
      const { statement, codecs } = this.#patchStatement(fields);
      const params: SqlValue[] = [];
      for (const codec of codecs) {
        codec.write(values[codec.index] as never, params);
        values[codec.index] = undefined;
      }
      params.push(id);
      exists = statement.run(params).changes > 0;
    } else {
      exists = this.#exists(id);
    }
    if (!exists) {
      throw new WorkError(
        'WORK_NOT_FOUND',
        `Work ${id} does not exist: read it in the same transaction before updating it.`,
      );
    }
    if (this.#cache !== undefined) this.#patchCached(id, patch);
    if ((fields & TAGS_BIT) !== 0) {
      this.#statement('deleteTags', () => 'DELETE FROM work_tags WHERE work_id = ?').run(id);
      this.#insertTags(id, patch.tags!);
    }
    if ((fields & PREREQUISITES_BIT) !== 0) {
      this.#statement(
        'deletePrerequisites',
        () => 'DELETE FROM work_dependencies WHERE work_id = ?',
      ).run(id);
      this.#insertPrerequisites(id, patch.prerequisites!);
    }
  }

  deleteWork(id: string): void {
    this.#assertActive();
    // Dependents keep their prerequisite list without it, like their dependency rows.
    const dependents = this.#statement(
      'dependentsOf',
      () => 'SELECT work_id FROM work_dependencies WHERE prerequisite_id = ?',
      'pluck',
    ).all(id) as string[];
    if (dependents.length > 0) {
      this.#statement(
        'forgetPrerequisite',
        () =>
          'UPDATE works SET prerequisites = (SELECT json_group_array(p.value ORDER BY p.key) ' +
          'FROM json_each(works.prerequisites) p WHERE p.value <> @id) ' +
          'WHERE id IN (SELECT d.work_id FROM work_dependencies d WHERE d.prerequisite_id = @id)',
      ).run({ id });
      for (const dependent of dependents) this.#cache?.delete(dependent);
    }
    this.#cache?.delete(id);
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

  /**
   * Caches a work as read now. A full cache is emptied at once (cheaper per entry than evicting
   * one at a time; the works in flight come back on their next read).
   */
  #remember(work: WorkSpec): void {
    const cache = this.#cache;
    if (cache === undefined) return;
    if (cache.size >= MAX_CACHED_WORKS) cache.clear();
    cache.set(work.id, work);
  }

  /** Applies a patch that was just written to the cached copy of the work, if any. */
  #patchCached(id: string, patch: WorkPatch): void {
    const cached = this.#cache?.get(id);
    if (cached === undefined) return;
    const next: Record<string, unknown> = { ...cached };
    for (const field in patch) {
      const value = patch[field as keyof WorkPatch];
      if (value !== undefined && field !== 'id') next[field] = value;
    }
    this.#cache?.set(id, next as unknown as WorkSpec);
  }

  /** The cached UPDATE of the fields in the bit set `fields`, SET in column order. */
  #patchStatement(fields: number): PatchStatement {
    let entry = this.#patchStatements.get(fields);
    if (entry === undefined) {
      const codecs = FIELD_CODECS.filter((codec) => (fields & codec.bit) !== 0);
      const assignments = codecs.flatMap((codec) => codec.columns.map((c) => `${c} = ?`));
      entry = {
        statement: this.#db.prepare(`UPDATE works SET ${assignments.join(', ')} WHERE id = ?`),
        codecs,
      };
      this.#patchStatements.set(fields, entry);
    }
    return entry;
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
  /** Which constraint columns are filtered, one bit each: part of the statement cache keys. */
  readonly bits: number;
  readonly sql: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Filters without a network term, by their bits; shared since their params are empty. */
const filterCache: (ConditionsFilter | undefined)[] = [];
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The WHERE terms that keep works whose constraints the conditions meet. A condition that is
 * met adds no term; the terms read only columns of `works_due`, so filtering needs no row.
 */
function conditionsFilter(conditions: DeviceConditions): ConditionsFilter {
  const networkFiltered = !ALL_NETWORK_TYPES.every((t) => conditions.networkTypes.includes(t));
  const bits =
    (networkFiltered ? 1 : 0) |
    (conditions.charging ? 0 : 2) |
    (conditions.batteryNotLow ? 0 : 4) |
    (conditions.deviceIdle ? 0 : 8) |
    (conditions.storageNotLow ? 0 : 16);
  let cached = filterCache[bits];
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
    cached = { bits, sql, params: NO_PARAMS };
    filterCache[bits] = cached;
  }
  if (!networkFiltered) return cached;
  return { ...cached, params: { networkTypes: JSON.stringify(conditions.networkTypes) } };
}
