/**
 * `npm run bench:peers` (issue 7): this project's SQLite backend beside BullMQ, plainjob,
 * liteque and pg-boss, on the same machine, in the same run, on the same workloads. Each
 * (run, system) pass runs in its own process after a warm-up; runs are interleaved system by
 * system with the order rotated each run; the report shows medians, the durability each
 * system really provides, and our lead factor at the nearest equal durability.
 *
 * Writes docs/benchmarks.md and docs/benchmarks-burn-down.svg. Environment: BENCH_RUNS,
 * BENCH_SCALE, BENCH_<ADD|BULK|BURN|LATENCY|RETRY>_N, BENCH_CHAINS, BENCH_CHAIN_LENGTH,
 * BENCH_CONCURRENCY, BENCH_BATCH, BENCH_SYSTEMS (comma-separated ids), BENCH_OUT_DIR.
 */
import { execSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type PassResult,
  type SystemDescription,
  WORKLOADS,
  type WorkloadSizes,
} from './bench-system.js';
import { burnDownChart } from './burn-down-chart.js';
import { loadLine, machineLine } from './machine-description.js';
import { PROFILING_NOTES } from './profiling-notes.js';
import {
  durabilityTable,
  markdownTable,
  type SystemMedians,
  trailingFigures,
} from './report-table.js';
import {
  dropPostgresSchema,
  ensurePostgres,
  ensureRedis,
  type PrivateRedis,
  startFsyncRedis,
} from './services.js';
import { defaultSizes, RUNS, sizesFor } from './sizes.js';
import { median } from './statistics.js';
import { AOF_REDIS_PORT, describeSystems, versionOf } from './system-catalog.js';
import { PG_BOSS_SCHEMA } from './systems/pg-boss-postgres.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const outDir = process.env.BENCH_OUT_DIR ?? join(repoRoot, 'docs');

function redisVersion(): string {
  try {
    return (
      /redis_version:(\S+)/.exec(execSync('redis-cli -h 127.0.0.1 info server').toString())?.[1] ??
      '?'
    );
  } catch {
    return '?';
  }
}

/** Runs one measuring pass of one system in a child process; rejects with its stderr tail. */
function runPass(id: string, sizes: WorkloadSizes): Promise<PassResult> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(here, 'measure-child.ts'),
      id,
      JSON.stringify(sizes),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const timeoutMs = Number(process.env.BENCH_PASS_TIMEOUT_MS ?? 240_000);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) resolve(JSON.parse(line.slice('RESULT '.length)) as PassResult);
      else
        reject(
          new Error(
            `${id} exited ${code ?? signal}${signal === 'SIGKILL' ? ` (killed after ${timeoutMs} ms)` : ''}: ${err.trim().split('\n').slice(-3).join(' ')}`,
          ),
        );
    });
  });
}

function mediansOf(passes: readonly PassResult[]): PassResult | null {
  if (passes.length === 0) return null;
  const result = {} as Record<(typeof WORKLOADS)[number], number | null>;
  for (const w of WORKLOADS) {
    const values = passes.map((p) => p[w]).filter((v): v is number => v !== null);
    result[w] = values.length === 0 ? null : median(values);
  }
  return result;
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const loadBefore = loadLine();
  log(`# bench:peers — ${machineLine()}`);
  log(`load average before: ${loadBefore}`);
  const wanted = process.env.BENCH_SYSTEMS?.split(',').map((s) => s.trim());
  const all = describeSystems();
  const needs = (prefix: string) => !wanted || wanted.some((w) => w.startsWith(prefix));
  if (needs('bullmq')) await ensureRedis(log);
  if (needs('pg-boss')) await ensurePostgres(log);
  let aofRedis: PrivateRedis | null = null;
  if (needs('bullmq-aof')) {
    aofRedis = await startFsyncRedis(AOF_REDIS_PORT);
    log(`Redis with appendfsync always: started for this run on 127.0.0.1:${AOF_REDIS_PORT}`);
  }
  const systems: SystemDescription[] = all.filter((s) => !wanted || wanted.includes(s.id));
  const base = defaultSizes();
  const passes = new Map<string, PassResult[]>(systems.map((s) => [s.id, []]));
  const errors = new Map<string, string>();
  const started = performance.now();
  try {
    for (let run = 0; run < RUNS; run++) {
      // Rotate the order each run so that no system always goes first or last.
      const order = systems.map((_, i) => systems[(i + run) % systems.length]!);
      for (const system of order) {
        const t0 = performance.now();
        try {
          const result = await runPass(system.id, sizesFor(system, base));
          passes.get(system.id)?.push(result);
          log(
            `run ${run + 1}/${RUNS} ${system.id}: ${WORKLOADS.map((w) => `${w} ${result[w] === null ? 'n/a' : result[w]!.toFixed(w.startsWith('latency') ? 2 : 0)}`).join(', ')} (${((performance.now() - t0) / 1000).toFixed(1)} s, load ${loadLine()})`,
          );
        } catch (e) {
          const message = (e as Error).message;
          errors.set(system.id, message);
          log(`run ${run + 1}/${RUNS} ${system.id}: FAILED ${message}`);
        }
      }
    }
  } finally {
    await aofRedis?.stop();
    if (needs('pg-boss')) dropPostgresSchema(PG_BOSS_SCHEMA);
  }
  const loadAfter = loadLine();
  const minutes = (performance.now() - started) / 60_000;
  const rows: SystemMedians[] = systems.map((system) => ({
    system,
    sizes: sizesFor(system, base),
    medians: mediansOf(passes.get(system.id) ?? []),
    runs: passes.get(system.id)?.length ?? 0,
    error: errors.get(system.id) ?? null,
  }));
  const table = markdownTable(rows);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const subtitle = `${date} UTC · ${machineLine()} · load ${loadBefore} → ${loadAfter} · concurrency ${base.concurrency} · medians of ${RUNS}`;
  const doc = [
    '# Benchmarks beside the Node job queues',
    '',
    'Generated by `npm run bench:peers` (packages/bench-peers). Do not edit by hand; rerun it.',
    '',
    `- Run: ${date} UTC, ${minutes.toFixed(1)} min.`,
    `- Machine: ${machineLine()}. Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAfter}. The machine was shared with other work: compare figures within this run, not across runs.`,
    `- Versions: better-sqlite3 ${versionOf('better-sqlite3')} (ours, plainjob; liteque on ${versionOf('better-sqlite3-v11')}), bullmq ${versionOf('bullmq')} with ioredis ${versionOf('ioredis')}, Redis ${redisVersion()}, plainjob ${versionOf('plainjob')}, liteque ${versionOf('liteque')}, pg-boss ${versionOf('pg-boss')}.`,
    `- Fairness: the same concurrency (${base.concurrency}) everywhere; every (run, system) pass in a fresh process with a warm-up pass (a tenth of each size) first; ${RUNS} runs interleaved system by system, the order rotated each run; medians shown.`,
    '- Workloads: `queue-add` one add at a time, each awaited; `queue-add-bulk` batches of ' +
      `${base.batch}; \`worker-burn-down\` N no-op jobs stored first, then timed from worker start until the last outcome is stored; ` +
      `\`add-to-start\` one job at a time at low load (${base.latencyGapMs} ms idle between samples), from the add call to the handler start; ` +
      '`retry` every job fails once and is retried after the shortest fixed backoff the system offers; ' +
      '`chain` dependent steps (a step starts only after the previous succeeded), from the first add to the last step.',
    '- In parentheses: how many times ours leads (>1) or trails (<1), against our row at the nearest durability the peer provides (see the second table): ours/peer for rates, peer/ours for latencies. `n/a`: the system has no such feature.',
    '- This project has no PostgreSQL backend yet; when it has one it joins pg-boss here.',
    '',
    table,
    '',
    durabilityTable(rows),
    '',
    '### Where ours does not lead in this run',
    '',
    trailingFigures(rows),
    '',
    PROFILING_NOTES,
    '',
    '![burn-down throughput and add-to-start latency](benchmarks-burn-down.svg)',
    '',
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'benchmarks.md'), doc);
  writeFileSync(join(outDir, 'benchmarks-burn-down.svg'), burnDownChart(rows, subtitle));
  log('');
  log(table);
  log('');
  log(
    `load average after: ${loadAfter}; ${minutes.toFixed(1)} min; wrote ${join(outDir, 'benchmarks.md')} and benchmarks-burn-down.svg`,
  );
  if (errors.size > 0) process.exitCode = 1;
}

await main();
