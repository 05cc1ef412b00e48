/**
 * `npm run bench:postgres` (issue 8): this project's PostgreSQL backend beside pg-boss and
 * graphile-worker, in one run, on one database, each run of each system on its own fresh
 * schema (dropped afterwards):
 *
 * 1. burn-down: no-op jobs stored first, then drained by 1, 2 and 4 worker processes; jobs/s
 *    from the start signal to the last outcome stored; median of the runs, interleaved;
 * 2. add-to-start latency across processes: this process adds one job at a time, a worker
 *    process runs it; p50/p99;
 * 3. claim cost (ours only): claimWork/concludeRun latency with 1 000 and 1 000 000 stored works.
 *
 * `--quick` scales everything down tenfold for a smoke run. Writes docs/benchmarks-postgres.md
 * (BENCH_OUT_DIR to write elsewhere). BENCH_PG_URL: another database; BENCH_PG_SYSTEMS and
 * BENCH_PG_SCENARIOS (burn-down, latency, claim-cost): comma-separated subsets.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLine, machineLine } from '../machine-description.js';
import { ensurePostgres } from '../services.js';
import { median } from '../statistics.js';
import { addToStartLatency, type LatencyResult } from './add-to-start-latency.js';
import { BENCH_POSTGRES_URL, psql } from './bench-database.js';
import { type BurnDownResult, burnDown } from './burn-down.js';
import { type ClaimCostResult, claimCost } from './claim-cost.js';
import { postgresBenchSizes } from './postgres-bench-sizes.js';
import type { QueueSystemId } from './postgres-queue-system.js';
import { type ComparisonRow, claimCostTable, comparisonTable } from './postgres-report.js';
import { QUEUE_SYSTEMS } from './queue-systems.js';

const SCENARIOS = ['burn-down', 'latency', 'claim-cost'] as const;
type Scenario = (typeof SCENARIOS)[number];

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.env.BENCH_OUT_DIR ?? join(here, '..', '..', '..', '..', 'docs');

function listFromEnv<T extends string>(name: string, all: readonly T[]): readonly T[] {
  const raw = process.env[name];
  if (!raw) return all;
  const wanted = raw.split(',').map((s) => s.trim());
  const unknown = wanted.filter((w) => !all.includes(w as T));
  if (unknown.length > 0)
    throw new Error(`${name}: unknown ${unknown.join(', ')}; one of ${all.join(', ')}`);
  return all.filter((a) => wanted.includes(a));
}

function postgresLine(): string {
  const show = (name: string) => {
    try {
      return psql(`SHOW ${name}`);
    } catch {
      return '?';
    }
  };
  return `PostgreSQL ${show('server_version')}, synchronous_commit=${show('synchronous_commit')}, fsync=${show('fsync')}, wal_sync_method=${show('wal_sync_method')}, shared_buffers=${show('shared_buffers')}, max_connections=${show('max_connections')}`;
}

/** Which code of ours ran: the commit, and whether the packages measured had local changes. */
function codeLine(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: here, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  try {
    const changed = git(
      'status',
      '--porcelain',
      '--',
      '../../../core',
      '../../../backend-postgres',
    );
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes in packages/core or packages/backend-postgres' : ''}`;
  } catch {
    return 'commit unknown';
  }
}

/** One burn-down run in words: rate, whether it hit the cap, start time, deadlocks seen. */
function describeRun(r: BurnDownResult, n: number): string {
  const capped = r.capped
    ? `, capped: ${r.completed.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} done`
    : '';
  return `${Math.round(r.jobsPerSecond)} jobs/s${capped} (slowest start ${r.slowestStartMillis.toFixed(0)} ms, ${r.deadlocks} deadlock(s) in the database)`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = postgresBenchSizes(quick);
  const systemIds = listFromEnv(
    'BENCH_PG_SYSTEMS',
    QUEUE_SYSTEMS.map((s) => s.id),
  );
  const systems = QUEUE_SYSTEMS.filter((s) => systemIds.includes(s.id));
  const scenarios = listFromEnv<Scenario>('BENCH_PG_SCENARIOS', SCENARIOS);
  const log = (line: string) => console.log(line);
  await ensurePostgres(log);

  const loadBefore = loadLine();
  const setup = [
    `- Machine: ${machineLine()}. Load average (1, 5, 15 min) before: ${loadBefore}.`,
    `- Ours: workmanager-ts at ${codeLine()}.`,
    `- Database: ${postgresLine()}; ${BENCH_POSTGRES_URL.replace(/\/\/[^@/]*@/, '//')}.`,
    `- Burn-down: ${sizes.burnN.toLocaleString('en-US')} no-op jobs stored first (bulk API, ${sizes.fillBatch} per call), drained by ${sizes.processCounts.join(', ')} worker process(es), concurrency ${sizes.concurrency} per process; timed from the start signal (every process already connected) until the database holds no waiting or running job (then checked: every job completed successfully); a run still going after ${sizes.burnCapSeconds} s is stopped and rated by the jobs completed by then; median of ${sizes.burnRepeats} run(s), interleaved system by system with the order rotated.`,
    `- Add-to-start: ${sizes.latencyN} jobs (at most ${sizes.latencyWarmUp} + the system's sample cap) added one at a time by the runner process, run by one worker process (concurrency ${sizes.concurrency}); latency = wall clock at the handler start (worker process) − wall clock just before the add call (runner process); after each start ${sizes.latencyGapMs} ms idle plus a random part of the system's jitter (below), so that adds fall at no fixed phase of a poll; the first ${sizes.latencyWarmUp} samples not counted.`,
    `- Claim cost (workmanager-ts only): ${sizes.claimSmallStore.toLocaleString('en-US')} and ${sizes.claimLargeStore.toLocaleString('en-US')} due works stored (one work enqueued through the store, copied by INSERT ... SELECT, then ANALYZE), plus the works the samples consume; ${sizes.claimWarmUp} claims of 1 not counted, then ${sizes.claimOneSamples} claims of 1 and ${sizes.claimManySamples} claims of ${sizes.claimMany} works, each claimed work concluded (success) before the next claim; store calls from one process, nothing else running on the schema.`,
    ...systems.map(
      (s) =>
        `- ${s.label}: ${s.settings(sizes.concurrency)}; add-to-start jitter up to ${s.latencySampling.jitterMs} ms${Number.isFinite(s.latencySampling.maxSamples) ? `, at most ${s.latencySampling.maxSamples} samples` : ''}.`,
    ),
  ];
  log(`# bench:postgres${quick ? ' --quick' : ''}`);
  for (const line of setup) log(line);
  log('');

  const started = performance.now();
  const errors: string[] = [];
  const attempt = async <T>(what: string, body: () => Promise<T>): Promise<T | null> => {
    try {
      return await body();
    } catch (error) {
      const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      errors.push(message);
      log(`FAILED ${message}`);
      return null;
    }
  };

  const burnRuns = new Map<string, BurnDownResult[]>();
  const burnKey = (id: QueueSystemId, processes: number) => `${id}@${processes}`;
  if (scenarios.includes('burn-down')) {
    for (let run = 0; run < sizes.burnRepeats; run++) {
      for (const [pi, processes] of sizes.processCounts.entries()) {
        const turn = run + pi;
        const order = systems.map((_, i) => systems[(i + turn) % systems.length]!);
        for (const system of order) {
          const t0 = performance.now();
          const result = await attempt(`burn-down ${system.id} × ${processes}`, () =>
            burnDown(system, processes, sizes),
          );
          if (!result) continue;
          const key = burnKey(system.id, processes);
          burnRuns.set(key, [...(burnRuns.get(key) ?? []), result]);
          log(
            `burn-down run ${run + 1}/${sizes.burnRepeats}, ${processes} process(es), ${system.id}: ${describeRun(result, sizes.burnN)} (${seconds(t0)}, load ${loadLine()})`,
          );
        }
      }
    }
  }

  const latencies = new Map<QueueSystemId, LatencyResult>();
  if (scenarios.includes('latency')) {
    for (const system of systems) {
      const t0 = performance.now();
      const result = await attempt(`add-to-start ${system.id}`, () =>
        addToStartLatency(system, sizes),
      );
      if (!result) continue;
      latencies.set(system.id, result);
      log(
        `add-to-start ${system.id}: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms over ${result.samples} samples (${seconds(t0)}, load ${loadLine()})`,
      );
    }
  }

  let claimSmall: ClaimCostResult | null = null;
  let claimLarge: ClaimCostResult | null = null;
  if (scenarios.includes('claim-cost') && systemIds.includes('workmanager-ts')) {
    for (const storedWorks of [sizes.claimSmallStore, sizes.claimLargeStore]) {
      const t0 = performance.now();
      log(`claim cost with ${storedWorks.toLocaleString('en-US')} stored works...`);
      const result = await attempt(`claim cost with ${storedWorks} works`, () =>
        claimCost(storedWorks, sizes, log),
      );
      if (!result) continue;
      if (storedWorks === sizes.claimSmallStore) claimSmall = result;
      else claimLarge = result;
      log(
        `  filled in ${result.fillSeconds.toFixed(1)} s; claim 1 p50 ${result.claimOne.p50.toFixed(2)} / p99 ${result.claimOne.p99.toFixed(2)} ms; claim ${sizes.claimMany} p50 ${result.claimMany.p50.toFixed(2)} / p99 ${result.claimMany.p99.toFixed(2)} ms; conclude p50 ${result.conclude.p50.toFixed(2)} / p99 ${result.conclude.p99.toFixed(2)} ms (${seconds(t0)}, load ${loadLine()})`,
      );
    }
  }

  const valuesOf = (pick: (id: QueueSystemId) => number | null) =>
    Object.fromEntries(QUEUE_SYSTEMS.map((s) => [s.id, pick(s.id)])) as Record<
      QueueSystemId,
      number | null
    >;
  const rows: ComparisonRow[] = [];
  if (scenarios.includes('burn-down'))
    for (const processes of sizes.processCounts)
      rows.push({
        scenario: `burn-down, ${processes} worker process${processes === 1 ? '' : 'es'}`,
        unit: `jobs/s, median of ${sizes.burnRepeats}`,
        lowerIsBetter: false,
        values: valuesOf((id) => {
          const runs = burnRuns.get(burnKey(id, processes)) ?? [];
          return runs.length === 0 ? null : median(runs.map((r) => r.jobsPerSecond));
        }),
        marked: new Set(
          systems
            .filter((s) => burnRuns.get(burnKey(s.id, processes))?.some((r) => r.capped))
            .map((s) => s.id),
        ),
      });
  if (scenarios.includes('latency'))
    for (const q of ['p50', 'p99'] as const)
      rows.push({
        scenario: `add-to-start ${q}, across processes`,
        unit: 'ms',
        lowerIsBetter: true,
        values: valuesOf((id) => latencies.get(id)?.[q] ?? null),
      });

  const loadAfter = loadLine();
  const minutes = (performance.now() - started) / 60_000;
  const table = comparisonTable(rows);
  const claimTable =
    claimSmall || claimLarge ? claimCostTable(claimSmall, claimLarge) : '(claim cost not run)';
  const runsList = [...burnRuns.entries()].map(
    ([key, runs]) =>
      `- ${key.replace('@', ', processes: ')}: ${runs.map((r) => describeRun(r, sizes.burnN)).join('; ')}`,
  );
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const doc = [
    '# PostgreSQL benchmarks beside pg-boss and graphile-worker',
    '',
    `Generated by \`npm run bench:postgres${quick ? ' -- --quick' : ''}\` (packages/bench-peers/src/postgres). Do not edit by hand; rerun it.`,
    '',
    `- Run: ${date} UTC, ${minutes.toFixed(1)} min${quick ? ', **--quick (smoke sizes)**' : ''}. Load average after: ${loadAfter}. The machine may be shared with other work: compare figures within one run, not across runs.`,
    ...setup,
    '- Ratios are ours / peer: above 1 means ours is faster for jobs/s, below 1 means ours is faster for latencies.',
    '',
    table || '(no side-by-side scenario run)',
    '',
    ...(rows.some((r) => (r.marked?.size ?? 0) > 0)
      ? [
          `\\* At least one of the runs was stopped at the ${sizes.burnCapSeconds} s cap before every job was done; such a run is rated by the jobs completed within the cap (see every run below).`,
          '',
        ]
      : []),
    '## Claim cost with many stored works',
    '',
    claimTable,
    '',
    ...(claimSmall || claimLarge
      ? [
          `Filling took ${[claimSmall, claimLarge]
            .filter((r): r is ClaimCostResult => r !== null)
            .map(
              (r) => `${r.fillSeconds.toFixed(1)} s for ${r.storedWorks.toLocaleString('en-US')}`,
            )
            .join(', ')} (not part of the figures).`,
          '',
        ]
      : []),
    '## Every burn-down run',
    '',
    ...(runsList.length > 0 ? runsList : ['(none)']),
    '',
    ...(errors.length > 0 ? ['## Failures', '', ...errors.map((e) => `- ${e}`), ''] : []),
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'benchmarks-postgres.md');
  writeFileSync(file, doc);
  log('');
  log(table);
  log('');
  log(claimTable);
  log('');
  log(`load average after: ${loadAfter}; ${minutes.toFixed(1)} min; wrote ${file}`);
  if (errors.length > 0) process.exitCode = 1;
}

await main();
