import type { Pool, PoolClient } from 'pg';
import { isTransientConflict } from './postgres-error-mapping.js';

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
 * transaction, and so one WAL flush. Each call runs inside its own savepoint, so a call that
 * fails is rolled back alone (a deadlock or duplicate insert is queued again; any other error
 * rejects that call only), and every call resolves only after the shared COMMIT. Up to
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
    try {
      await client.query('BEGIN');
      const single = batch.length === 1;
      for (const call of batch) {
        if (!single) await client.query('SAVEPOINT call');
        try {
          const result = await call.body(client);
          if (!single) await client.query('RELEASE SAVEPOINT call');
          done.push({ call, result });
        } catch (error) {
          if (single) throw error;
          await client.query('ROLLBACK TO SAVEPOINT call');
          this.failed(call, error, retry);
        }
      }
      await client.query('COMMIT');
      for (const { call, result } of done) call.resolve(result);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      // The whole transaction is gone: its calls are run again or fail, as the error says.
      for (const { call } of done) this.failed(call, error, retry);
      if (batch.length === 1) this.failed(batch[0]!, error, retry);
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
