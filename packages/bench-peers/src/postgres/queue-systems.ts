import type { PostgresQueueSystem, QueueSystemId } from './postgres-queue-system.js';
import { graphileWorkerQueue } from './systems/graphile-worker-queue.js';
import { pgBossQueue } from './systems/pg-boss-queue.js';
import { workmanagerTsPostgres } from './systems/workmanager-ts-postgres.js';

/** The systems compared, ours first (the ratios divide ours by each peer). */
export const QUEUE_SYSTEMS: readonly PostgresQueueSystem[] = [
  workmanagerTsPostgres,
  pgBossQueue,
  graphileWorkerQueue,
];

/** The system with this id (in a worker process, from its command line). */
export function queueSystem(id: string): PostgresQueueSystem {
  const system = QUEUE_SYSTEMS.find((s) => s.id === (id as QueueSystemId));
  if (!system)
    throw new Error(`unknown system '${id}'; one of ${QUEUE_SYSTEMS.map((s) => s.id).join(', ')}`);
  return system;
}
