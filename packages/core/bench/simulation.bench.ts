/**
 * Virtual-time simulation on the memory store (DESIGN.md §5: at least 200 000 state
 * transitions per second). Thousands of one-time works (some retrying), chains and periodic
 * works run through simulated days on the TestClock; every state transition is counted by a
 * wrapper around the store's port calls, so the figure covers the whole engine path: claim,
 * worker call, conclusion, cascades, timers and settling.
 *
 * Run: node --conditions=source --import tsx packages/core/bench/simulation.bench.ts
 */
import {
  memoryStore,
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  Result,
  silentLogger,
  type WorkerContext,
  type WorkRequest,
  type WorkStore,
} from '../src/index.js';
import { createTestWorkManager } from '../src/testing/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What one run of the simulation does. */
const SETUP = {
  oneTime: 4_000,
  /** Of the one-time works, the share that returns retry before succeeding. */
  retryShare: 0.25,
  retriesEach: 2,
  /** One-time works that fail (their chains' dependents fail with them). */
  failShare: 0.05,
  chains: 1_000,
  chainLength: 3,
  periodic: 300,
  days: 3,
  maxConcurrency: 64,
} as const;

/** Runs to take the median of; BENCH_RUNS=1 for a quick profile (`node --cpu-prof`). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Deterministic PRNG (mulberry32), so the three runs do the same work. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Counts state transitions from what each port call reports it changed. */
function countingStore(inner: WorkStore): { store: WorkStore; transitions: () => number } {
  let transitions = 0;
  const store: WorkStore = {
    ...inner,
    async enqueueWork(p) {
      const r = await inner.enqueueWork(p);
      transitions += r.inserted.length + r.cancelled.length + r.deleted.length;
      if (r.updated) transitions += 1;
      return r;
    },
    async claimWork(p) {
      const claimed = await inner.claimWork(p);
      transitions += claimed.length;
      return claimed;
    },
    async concludeRun(p) {
      const r = await inner.concludeRun(p);
      if (r.applied) transitions += 1 + r.unblocked.length + r.failed.length;
      return r;
    },
    async cancelWork(p) {
      const r = await inner.cancelWork(p);
      transitions += r.cancelled.length;
      return r;
    },
    async recoverRuns(p) {
      const ids = await inner.recoverRuns(p);
      transitions += ids.length;
      return ids;
    },
  };
  return { store, transitions: () => transitions };
}

async function simulate(
  seed: number,
): Promise<{ transitions: number; millis: number; runs: number }> {
  const random = prng(seed);
  const plan = new Map<string, { retries: number; fail: boolean }>();
  let runs = 0;
  const worker = (ctx: WorkerContext) => {
    runs++;
    const p = plan.get(ctx.id);
    if (p?.fail) return Result.failure();
    if (p && ctx.runAttemptCount < p.retries) return Result.retry();
    return Result.success();
  };
  const { store, transitions } = countingStore(memoryStore({ logger: silentLogger }));
  const t = await createTestWorkManager({
    mode: 'time',
    store,
    workers: { sim: worker },
    config: { maxConcurrency: SETUP.maxConcurrency },
  });
  const started = performance.now();

  const oneTime = (): WorkRequest => {
    const request = OneTimeWorkRequest.from('sim', {
      initialDelay: Math.floor(random() * SETUP.days * DAY),
      backoff: { policy: random() < 0.5 ? 'LINEAR' : 'EXPONENTIAL', delay: 10_000 },
    });
    const roll = random();
    plan.set(request.id, {
      retries: roll < SETUP.retryShare ? SETUP.retriesEach : 0,
      fail: roll > 1 - SETUP.failShare,
    });
    return request;
  };
  const plain = Array.from({ length: SETUP.oneTime }, oneTime);
  for (let i = 0; i < plain.length; i += 500) await t.wm.enqueue(plain.slice(i, i + 500));
  for (let i = 0; i < SETUP.chains; i++) {
    let continuation = t.wm.beginWith(oneTime());
    for (let j = 1; j < SETUP.chainLength; j++) continuation = continuation.then(oneTime());
    await continuation.enqueue();
  }
  const periodic = Array.from({ length: SETUP.periodic }, () =>
    PeriodicWorkRequest.from('sim', {
      repeatInterval: [15 * MINUTE, 30 * MINUTE, HOUR][Math.floor(random() * 3)]!,
      initialDelay: Math.floor(random() * HOUR),
    }),
  );
  await t.wm.enqueue(periodic);
  await t.settle();
  await t.clock.advance(SETUP.days * DAY);
  const millis = performance.now() - started;
  await t.close();
  return { transitions: transitions(), millis, runs };
}

async function main(): Promise<void> {
  console.log('virtual-time simulation on the memory store (TestClock, time mode)');
  console.log(
    `setup: ${SETUP.oneTime} one-time works (${SETUP.retryShare * 100}% retry ${SETUP.retriesEach}x, ` +
      `${SETUP.failShare * 100}% fail), ${SETUP.chains} chains of ${SETUP.chainLength}, ` +
      `${SETUP.periodic} periodic (15 min – 1 h), ${SETUP.days} simulated days, ` +
      `maxConcurrency ${SETUP.maxConcurrency}; Node ${process.version}`,
  );
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { transitions, millis, runs } = await simulate(42);
    const rate = transitions / (millis / 1_000);
    rates.push(rate);
    console.log(
      `run ${i + 1}: ${transitions} transitions, ${runs} worker runs in ${millis.toFixed(0)} ms ` +
        `→ ${Math.round(rate).toLocaleString('en')} transitions/s`,
    );
  }
  const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
  console.log(
    `median: ${Math.round(median).toLocaleString('en')} transitions/s (target ≥ 200,000)`,
  );
}

await main();
