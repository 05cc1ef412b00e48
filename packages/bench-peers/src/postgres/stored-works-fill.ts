import type { PostgresWorkStore } from '@workmanager-ts/backend-postgres';
import { OneTimeWorkRequest, workSpecFromRequest } from '@workmanager-ts/core';

/**
 * Stores `n` ENQUEUED, due no-op works fast: one work is enqueued through the store (so its row
 * is encoded exactly as the store writes it), then copied by `INSERT ... SELECT` statements of
 * `chunk` rows, each copy with a fresh UUID as its id (in the row and in its spec); the
 * database computes the generated columns and indexes as for any insert. Ends with ANALYZE, as
 * autovacuum would soon after such a load, so that the planner knows the table's size.
 */
export async function fillStoredWorks(
  store: PostgresWorkStore,
  n: number,
  chunk: number,
  progress: (stored: number) => void = () => {},
): Promise<void> {
  if (n <= 0) return;
  const template = workSpecFromRequest(OneTimeWorkRequest.from('noop'), {
    prerequisites: [],
    uniqueName: null,
  });
  const { inserted } = await store.enqueueWork({
    now: Date.now(),
    levels: [{ works: [template] }],
  });
  const templateId = inserted[0];
  if (!templateId) throw new Error('the template work was not stored');
  const works = `"${store.schema}".works`;
  for (let stored = 1; stored < n; ) {
    const rows = Math.min(chunk, n - stored);
    await store.pool.query(
      `WITH ids AS (SELECT gen_random_uuid()::text AS id FROM generate_series(1, $2::int)) ` +
        `INSERT INTO ${works} (id, spec) ` +
        `SELECT ids.id, jsonb_set(t.spec::jsonb, '{id}', to_jsonb(ids.id)) ` +
        `FROM ids CROSS JOIN ${works} t WHERE t.id = $1`,
      [templateId, rows],
    );
    stored += rows;
    progress(stored);
  }
  await store.pool.query(`ANALYZE ${works}`);
}
