/**
 * One measurement pass of one system, in its own process so that no system's leftovers (JIT
 * state, open handles, garbage) weigh on another's numbers. Runs a warm-up pass, then every
 * workload once, and prints `RESULT <json>` on stdout.
 *
 *   node --conditions=source --import tsx measure-child.ts <system-id> '<sizes json>'
 */
import type { BenchSystem, PassResult, WorkloadSizes } from './bench-system.js';
import { warmUpSizes } from './sizes.js';
import { createSystem } from './system-catalog.js';

async function pass(system: BenchSystem, s: WorkloadSizes): Promise<PassResult> {
  const queueAdd = await system.queueAdd(s.addN);
  const bulk = system.queueAddBulk ? await system.queueAddBulk(s.bulkN, s.batch) : null;
  const burn = await system.burnDown(s.burnN, s.batch, s.concurrency);
  const latency = await system.latency(s.latencyN, s.concurrency, s.latencyGapMs);
  const retry = system.retry ? await system.retry(s.retryN, s.batch, s.concurrency) : null;
  const chain = system.chain ? await system.chain(s.chains, s.chainLength, s.concurrency) : null;
  return {
    'queue-add': queueAdd,
    'queue-add-bulk': bulk,
    'worker-burn-down': burn,
    'latency-p50': latency.p50,
    'latency-p99': latency.p99,
    retry,
    chain,
  };
}

const [id, sizesJson] = process.argv.slice(2);
if (!id || !sizesJson) throw new Error('usage: measure-child.ts <system-id> <sizes json>');
const sizes = JSON.parse(sizesJson) as WorkloadSizes;
const system = createSystem(id);
try {
  await pass(system, warmUpSizes(sizes));
  const result = await pass(system, sizes);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} finally {
  await system.close();
}
process.exit(0);
