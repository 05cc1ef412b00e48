/**
 * Runs one workload of one system in this process, for `node --cpu-prof`: where the report
 * shows us trailing, this is how the reason is found.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --conditions=source --import tsx \
 *     packages/bench-peers/src/profile-workload.ts workmanager-normal queue-add 20000
 */
import { createSystem } from './system-catalog.js';

const [id = 'workmanager-normal', workload = 'queue-add', sizeArg = '20000'] =
  process.argv.slice(2);
const n = Number(sizeArg);
const system = createSystem(id);
const started = performance.now();
let figure: number;
switch (workload) {
  case 'queue-add':
    figure = await system.queueAdd(n);
    break;
  case 'queue-add-bulk':
    if (!system.queueAddBulk) throw new Error(`${id} has no bulk add`);
    figure = await system.queueAddBulk(n, 1_000);
    break;
  case 'worker-burn-down':
    figure = await system.burnDown(n, 1_000, 8);
    break;
  default:
    throw new Error(
      `unknown workload '${workload}': queue-add, queue-add-bulk or worker-burn-down`,
    );
}
await system.close();
console.log(
  `${id} ${workload} ${n}: ${Math.round(figure).toLocaleString('en-US')}/s (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
