/**
 * One worker process of the PostgreSQL benchmark: opens a worker of one system on one schema,
 * reports `ready`, starts on `start`, reports each job that carries an enqueue time, and
 * stops (letting running jobs finish) on `stop`. Spawned by `WorkerProcesses`.
 *
 *   node --conditions=source --import tsx worker-process.ts <system-id> <url> <schema> <concurrency>
 */
import { queueSystem } from './queue-systems.js';
import { wallClockMillis } from './wall-clock.js';
import type { RunnerMessage, WorkerMessage } from './worker-messages.js';

const [id, url, schema, concurrencyText] = process.argv.slice(2);
if (!id || !url || !schema || !concurrencyText)
  throw new Error('usage: worker-process.ts <system-id> <url> <schema> <concurrency>');

/** Sends a message to the runner; resolves once it is handed to the channel. */
function tell(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, undefined, {}, () => resolve());
    else resolve();
  });
}

async function fail(error: unknown): Promise<never> {
  await tell({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

try {
  const worker = await queueSystem(id).prepareWorker(url, schema, {
    concurrency: Number(concurrencyText),
    onRun: (at) => {
      if (at !== undefined) void tell({ kind: 'ran', latencyMillis: wallClockMillis() - at });
    },
  });
  process.on('message', (message: RunnerMessage) => {
    if (message.kind === 'start') {
      const began = performance.now();
      worker
        .start()
        .then(() => tell({ kind: 'started', startMillis: performance.now() - began }), fail);
    } else {
      worker.stop().then(() => process.exit(0), fail);
    }
  });
  // The runner going away (it failed or was interrupted) ends this process too.
  process.on('disconnect', () => process.exit(1));
  await tell({ kind: 'ready' });
} catch (error) {
  await fail(error);
}
