import { createHash } from 'node:crypto';
import {
  ALL_CONDITIONS_MET,
  type DeviceConditions,
  type RowRead,
  type RowReadResults,
  type RowWrites,
  type StoreCapabilities,
  type StoredWork,
  WorkError,
  type WorkRowBackend,
  type WorkRowSession,
  type WorkSelector,
} from '@workmanager-ts/core';
import type { ClientBase, Pool, QueryResult, QueryResultRow } from 'pg';
import { isTransientConflict, toWorkError } from './postgres-error-mapping.js';
import { quoteIdentifier } from './schema-migrations.js';
import { decodeSpec, encodeSpec } from './work-row-codec.js';

/** Something to run a query on: a pool (one statement each) or a client. */
type Queryable = Pick<ClientBase, 'query'>;

/** How often one session is run again after a deadlock or a concurrent insert of one id. */
const MAX_CONFLICT_RETRIES = 20;

/** The reads answered by a plain SELECT of work rows. */
type RowQueryRead = Extract<RowRead, { kind: 'works' | 'due' | 'running' | 'dependents' }>;

const COLUMNS = 'SELECT seq, version, has_dependents, spec FROM';

interface WorkRow extends QueryResultRow {
  seq: string;
  version: string;
  has_dependents: boolean;
  spec: Record<string, unknown>;
}

/**
 * The PostgreSQL side of the snapshot runner: sessions on pooled connections, reads as
 * single statements (locking as the RowRead contract says), writes as one statement, and a
 * NOTIFY when work may have become due, delivered to listeners when the transaction commits.
 */
export class PostgresRowBackend implements WorkRowBackend {
  readonly capabilities: StoreCapabilities = {
    durable: true,
    multiProcess: true,
    transactionalEnqueue: true,
  };
  private readonly works: string;
  private readonly settings: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    /** NOTIFY channel, and this store's own name in its payload (its own wake-ups). */
    private readonly channel: string,
    private readonly instance: string,
    /** Resolves once the schema is in place; every session waits for it first. */
    private readonly schemaReady: () => Promise<void>,
    private readonly onClose: () => Promise<void>,
  ) {
    const quoted = quoteIdentifier(schema);
    this.works = `${quoted}.works`;
    this.settings = `${quoted}.settings`;
  }

  async session<T>(
    mode: 'read' | 'write',
    body: (session: WorkRowSession) => Promise<T>,
    within?: unknown,
  ): Promise<T> {
    try {
      await this.schemaReady();
      if (within !== undefined) return await body(this.open(asClient(within), 'write', ''));
      if (mode === 'read') return await body(this.open(this.pool, 'read', this.instance));
      return await this.transaction(body);
    } catch (error) {
      throw toWorkError(error);
    }
  }

  close(): Promise<void> {
    return this.onClose();
  }

  /**
   * One transaction on a pooled connection, run again from the start after a deadlock or a
   * concurrent insert of the same id (the core's session body is safe to repeat).
   */
  private async transaction<T>(body: (session: WorkRowSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      for (let attempt = 0; ; attempt++) {
        await client.query('BEGIN');
        try {
          const result = await body(this.open(client, 'write', this.instance));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
          if (broken || !isTransientConflict(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
          await new Promise((resolve) =>
            setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 6)),
          );
        }
      }
    } finally {
      client.release(broken);
    }
  }

  private open(db: Queryable, mode: 'read' | 'write', instance: string): WorkRowSession {
    const writing = mode === 'write';
    return {
      read: <K extends RowRead['kind']>(read: Extract<RowRead, { kind: K }>) =>
        this.read(db, writing, read as RowRead) as Promise<RowReadResults[K]>,
      readMany: (reads) => this.readMany(db, writing, reads),
      apply: (writes) => this.apply(db, writes, instance),
    };
  }

  private async read(
    db: Queryable,
    writing: boolean,
    read: RowRead,
  ): Promise<RowReadResults[RowRead['kind']]> {
    switch (read.kind) {
      case 'works':
      case 'due':
      case 'running':
      case 'dependents': {
        const values: unknown[] = [];
        return rows(await prepared<WorkRow>(db, this.rowQuery(read, writing, values), values));
      }
      case 'select': {
        if (writing && read.selector.uniqueNames) {
          // One writer per unique name at a time: its members are then a stable set.
          await prepared(
            db,
            'SELECT pg_advisory_xact_lock(hashtextextended($1 || n, 0)) ' +
              'FROM unnest($2::text[]) n ORDER BY n',
            [`workmanager-ts:unique:${this.schema}:`, [...read.selector.uniqueNames].sort()],
          );
        }
        const { where, values } = selectorWhere(read.selector);
        return rows(
          await prepared<WorkRow>(db, `${COLUMNS} ${this.works} ${where} ORDER BY seq`, values),
        );
      }
      case 'nextDue': {
        const values: unknown[] = [read.excludingIds];
        const { rows: found } = await prepared<{ next_run_at: number }>(
          db,
          `SELECT next_run_at FROM ${this.works} WHERE state = 'ENQUEUED' AND ` +
            `next_run_at IS NOT NULL AND id <> ALL($1) ${conditionsWhere(read.conditions, values)} ` +
            'ORDER BY next_run_at LIMIT 1',
          values,
        );
        return found[0]?.next_run_at ?? Number.POSITIVE_INFINITY;
      }
      case 'setting': {
        const { rows: found } = await prepared<{ value: number }>(
          db,
          `SELECT value FROM ${this.settings} WHERE key = $1`,
          [read.key],
        );
        return found[0]?.value;
      }
    }
  }

  /**
   * Row reads (works, due, running) as one statement: each a CTE keeping its own lock clause,
   * their rows tagged with the read they answer. Other reads go one by one.
   */
  private async readMany(
    db: Queryable,
    writing: boolean,
    reads: readonly RowRead[],
  ): Promise<RowReadResults[RowRead['kind']][]> {
    const batchable = (r: RowRead): r is RowQueryRead =>
      r.kind === 'works' || r.kind === 'due' || r.kind === 'running';
    if (reads.length < 2 || !reads.every(batchable)) {
      const results: RowReadResults[RowRead['kind']][] = [];
      for (const read of reads) results.push(await this.read(db, writing, read));
      return results;
    }
    const values: unknown[] = [];
    const ctes = reads.map((read, i) => `r${i} AS (${this.rowQuery(read, writing, values)})`);
    const union = reads
      .map((_, i) => `SELECT ${i} AS r, seq, version, has_dependents, spec FROM r${i}`)
      .join(' UNION ALL ');
    const result = await prepared<WorkRow & { r: number }>(
      db,
      `WITH ${ctes.join(', ')} ${union}`,
      values,
    );
    const grouped: WorkRow[][] = reads.map(() => []);
    for (const row of result.rows) grouped[row.r]!.push(row);
    return grouped.map((group) => rows({ rows: group }));
  }

  /** The SELECT answering one row read, its parameters appended to `values`. */
  private rowQuery(read: RowQueryRead, writing: boolean, values: unknown[]): string {
    const param = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    switch (read.kind) {
      case 'works': {
        const mode = read.lock === 'update' ? 'FOR UPDATE' : 'FOR SHARE';
        const lock = writing && read.lock ? `${mode}${read.skipLocked ? ' SKIP LOCKED' : ''}` : '';
        return `${COLUMNS} ${this.works} WHERE id = ANY(${param(read.ids)}::text[]) ${lock}`;
      }
      case 'dependents':
        return (
          `${COLUMNS} ${this.works} WHERE prerequisites && ${param(read.ids)}::text[] ` +
          `AND cardinality(prerequisites) > 0 ORDER BY seq ${writing ? 'FOR UPDATE' : ''}`
        );
      case 'due': {
        const limit = Number.isFinite(read.limit)
          ? `LIMIT ${Math.max(0, Math.floor(read.limit))}`
          : '';
        return (
          `${COLUMNS} ${this.works} WHERE state = 'ENQUEUED' AND next_run_at <= ${param(read.now)} ` +
          `${conditionsWhere(read.conditions, values)} ORDER BY next_run_at, seq ${limit} ` +
          (writing ? 'FOR UPDATE SKIP LOCKED' : '')
        );
      }
      case 'running': {
        const expired =
          read.leaseExpiredBefore === undefined
            ? ''
            : `AND lease_expires_at < ${param(read.leaseExpiredBefore)}`;
        return (
          `${COLUMNS} ${this.works} WHERE state = 'RUNNING' ${expired} ORDER BY seq ` +
          (writing ? 'FOR UPDATE SKIP LOCKED' : '')
        );
      }
    }
  }

  /** Deletes, updates and inserts of one call in a single statement; NOTIFY if work is due. */
  private async apply(db: Queryable, writes: RowWrites, instance: string): Promise<void> {
    const parts: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    if (writes.deleted.length > 0) {
      // Alone, first: an id deleted and inserted again must be gone before the insert.
      await prepared(db, `DELETE FROM ${this.works} WHERE id = ANY($1)`, [writes.deleted]);
    }
    if (writes.updated.length > 0) {
      parts.push(
        `updated AS (UPDATE ${this.works} w SET spec = u.spec, version = w.version + 1 ` +
          `FROM unnest(${param(writes.updated.map((s) => s.id))}::text[], ` +
          `${param(writes.updated.map(encodeSpec))}::jsonb[]) AS u(id, spec) WHERE w.id = u.id)`,
      );
    }
    if (writes.inserted.length > 0) {
      parts.push(
        `inserted AS (INSERT INTO ${this.works} (id, spec) SELECT i.id, i.spec FROM ` +
          `unnest(${param(writes.inserted.map((s) => s.id))}::text[], ` +
          `${param(writes.inserted.map(encodeSpec))}::jsonb[]) WITH ORDINALITY AS i(id, spec, n) ` +
          'ORDER BY i.n)',
      );
    }
    if (writes.settings.size > 0) {
      parts.push(
        `settings AS (INSERT INTO ${this.settings} (key, value) SELECT * FROM ` +
          `unnest(${param([...writes.settings.keys()])}::text[], ` +
          `${param([...writes.settings.values()])}::float8[]) ` +
          'ON CONFLICT (key) DO UPDATE SET value = excluded.value)',
      );
    }
    const due = [...writes.inserted, ...writes.updated].some((s) => s.state === 'ENQUEUED');
    if (parts.length === 0 && !due) return;
    const notify = due ? `pg_notify(${param(this.channel)}, ${param(instance)})` : 'NULL';
    const text =
      parts.length > 0 ? `WITH ${parts.join(', ')} SELECT ${notify}` : `SELECT ${notify}`;
    await prepared(db, text, values);
    const prerequisites = [...new Set(writes.inserted.flatMap((s) => s.prerequisites))];
    if (prerequisites.length > 0) {
      // After the inserts (a chain's own works are prerequisites too), under the snapshot's
      // share locks on the stored ones.
      await prepared(
        db,
        `UPDATE ${this.works} SET has_dependents = true WHERE id = ANY($1) AND NOT has_dependents`,
        [prerequisites],
      );
    }
  }
}

/**
 * Runs a statement as a named prepared statement, named after its text: each connection parses
 * and plans it once. The text holds the schema, so stores on several schemas never collide.
 */
function prepared<R extends QueryResultRow = QueryResultRow>(
  db: Queryable,
  text: string,
  values: unknown[] = [],
): Promise<QueryResult<R>> {
  return db.query<R>({ name: statementName(text), text, values });
}

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `wm_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

function rows(result: { rows: WorkRow[] }): StoredWork[] {
  return result.rows.map((row) => ({
    spec: decodeSpec(row.spec),
    seq: Number(row.seq),
    version: Number(row.version),
    hasDependents: row.has_dependents,
  }));
}

function selectorWhere(selector: WorkSelector): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown): void => {
    values.push(value);
    clauses.push(clause(`$${values.length}`));
  };
  if (selector.ids) add((p) => `id = ANY(${p})`, selector.ids);
  if (selector.tags) add((p) => `tags && ${p}::text[]`, selector.tags);
  if (selector.uniqueNames) add((p) => `unique_name = ANY(${p})`, selector.uniqueNames);
  if (selector.states) add((p) => `state = ANY(${p})`, selector.states);
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

/** The constraint filter for the given conditions; nothing when every condition is met. */
function conditionsWhere(conditions: DeviceConditions, values: unknown[]): string {
  if (
    conditions.charging &&
    conditions.batteryNotLow &&
    conditions.deviceIdle &&
    conditions.storageNotLow &&
    ALL_CONDITIONS_MET.networkTypes.every((t) => conditions.networkTypes.includes(t))
  ) {
    return '';
  }
  values.push(conditions.networkTypes);
  // As the core's constraintsMet: NOT_REQUIRED is met whatever the network.
  const clauses = [
    `(required_network_type = 'NOT_REQUIRED' OR required_network_type = ANY($${values.length}))`,
  ];
  if (!conditions.charging) clauses.push('NOT requires_charging');
  if (!conditions.batteryNotLow) clauses.push('NOT requires_battery_not_low');
  if (!conditions.deviceIdle) clauses.push('NOT requires_device_idle');
  if (!conditions.storageNotLow) clauses.push('NOT requires_storage_not_low');
  return `AND ${clauses.join(' AND ')}`;
}

function asClient(within: unknown): Queryable {
  if (typeof (within as Queryable | null)?.query !== 'function') {
    throw new WorkError(
      'INVALID_REQUEST',
      'inTransaction() takes the pg client (PoolClient or Client) on which your transaction is open.',
    );
  }
  return within as Queryable;
}
