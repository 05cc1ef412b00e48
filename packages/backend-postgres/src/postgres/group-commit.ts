import type { Pool, PoolClient } from 'pg';
import { isTransientConflict, sqlStateOf } from './postgres-error-mapping.js';

/** One store call waiting for a transaction. */
interface Pending {
  readonly body: (client: PoolClient) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  attempts: number;
}

/** How often one call is run again after a deadlock or a concurrent insert of the same id. */
const MAX_CONFLICT_RETRIES = 20;

/**
 * Group commit: store calls that arrive while others are being written share one
 * transaction, and so one WAL flush and one BEGIN/COMMIT; every call resolves only after the
 * shared COMMIT. A call failing in JS fails alone; a database error aborts the transaction:
 * the failing call is run again if the error is a deadlock or a duplicate insert (else it
 * rejects), the others run again. A failed COMMIT treats every call by its error. Up to
 * `lanes` transactions are open at once, each on its own pooled connection.
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private active = 0;

  constructor(
    private readonly pool: Pool,
    private readonly lanes: number,
    private readonly maxBatch: number,
  ) {}

  run<T>(body: (client: PoolClient) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        body,
        resolve: resolve as (value: unknown) => void,
        reject,
        attempts: 0,
      });
      if (this.active < this.lanes) {
        this.active++;
        void this.lane();
      }
    });
  }

  private async lane(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.active--;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const call of batch) call.reject(error);
      return;
    }
    let broken = false;
    const done: { call: Pending; result: unknown }[] = [];
    const retry: Pending[] = [];
    let current: Pending | null = null;
    try {
      await client.query('BEGIN');
      for (const call of batch) {
        current = call;
        try {
          done.push({ call, result: await call.body(client) });
        } catch (error) {
          // An error raised in JS leaves the transaction usable: the call wrote nothing (its
          // writes are its last statement), so it alone fails. A database error aborts the
          // transaction, and with it every call in it.
          if (sqlStateOf(error) !== undefined) throw error;
          call.reject(error);
        }
      }
      current = null;
      await client.query('COMMIT');
      for (const { call, result } of done) call.resolve(result);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      // The failing call follows the error; the others did nothing wrong and run again.
      if (current) this.failed(current, error, retry);
      const untouched = current ? batch.slice(batch.indexOf(current) + 1) : [];
      for (const call of [...done.map((d) => d.call), ...untouched]) retry.push(call);
      if (!current) for (const call of retry.splice(0)) this.failed(call, error, retry);
    } finally {
      client.release(broken);
    }
    if (retry.length > 0) {
      const pause = Math.random() * 2 ** Math.min(Math.max(...retry.map((c) => c.attempts)), 6);
      await new Promise((resolve) => setTimeout(resolve, pause));
      this.queue.unshift(...retry);
    }
  }

  private failed(call: Pending, error: unknown, retry: Pending[]): void {
    if (isTransientConflict(error) && call.attempts < MAX_CONFLICT_RETRIES) {
      call.attempts++;
      retry.push(call);
    } else {
      call.reject(error);
    }
  }
}
