import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import {
  ANDROIDX_SEMANTICS,
  OneTimeWorkRequest,
  silentLogger,
  type WorkManager,
  WorkManagerEngine,
  type WorkSpec,
} from '@workmanager-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteStore } from '../../src/index.js';
import { sqliteTestFolder } from '../sqlite/sqlite-test-database.js';
import { analyseRunLog } from './fixtures/run-log.js';
import { type FixtureProcess, killLiveFixtures, spawnFixture } from './fixtures/spawn-fixture.js';

const burnProcess = new URL('./fixtures/burn-process.ts', import.meta.url);

/**
 * A recovered run is "backed off" from its enqueue time (spec §13); with androidx's 30 s
 * default it would wait up to 30 s, so these works retry after 100 ms (linear).
 */
const semantics = { minBackoffMillis: 50 };
const backoff = { policy: 'LINEAR', delay: 100 } as const;

/** An engine that stores work but never starts any: the test's producer. */
async function openProducer(
  filename: string,
): Promise<{ wm: WorkManager; close(): Promise<void> }> {
  const store = sqliteStore({ filename, maxBusyRetries: 1_000 });
  const wm = await WorkManagerEngine.open(
    { store, workers: {}, config: { logger: silentLogger, semantics } },
    { onSchedulingPass: async () => {} },
  );
  return {
    wm,
    close: async () => {
      await wm.close();
      await store.close();
    },
  };
}

/** Enqueues `independent` single works and `chains` chains a → b → [c, d]; returns every id. */
async function enqueueBurnDown(
  filename: string,
  independent: number,
  chains: number,
): Promise<{ ids: string[]; edges: [before: string, after: string][] }> {
  const producer = await openProducer(filename);
  const ids: string[] = [];
  const edges: [string, string][] = [];
  const burn = (): ReturnType<typeof OneTimeWorkRequest.from> => {
    const request = OneTimeWorkRequest.from(
      'Burn',
      { backoff },
      { semantics: { ...ANDROIDX_SEMANTICS, ...semantics }, logger: silentLogger },
    );
    ids.push(request.id);
    return request;
  };
  for (let i = 0; i < independent; i += 200) {
    await producer.wm.enqueue(Array.from({ length: Math.min(200, independent - i) }, burn));
  }
  for (let i = 0; i < chains; i++) {
    const [a, b, c, d] = [burn(), burn(), burn(), burn()];
    edges.push([a.id, b.id], [b.id, c.id], [b.id, d.id]);
    await producer.wm.beginWith(a).then(b).then([c, d]).enqueue();
  }
  await producer.close();
  return { ids, edges };
}

async function storedWorks(filename: string): Promise<Map<string, WorkSpec>> {
  const store = sqliteStore({ filename });
  try {
    return new Map((await store.findWorks({})).map((w) => [w.id, w]));
  } finally {
    await store.close();
  }
}

function expectCleanExit(proc: FixtureProcess, exit: Awaited<FixtureProcess['exited']>): void {
  expect({ exit, stderr: proc.stderr() }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
}

describe('several processes running engines on one SQLite file', () => {
  let folder: ReturnType<typeof sqliteTestFolder>;
  beforeEach(() => {
    folder = sqliteTestFolder();
  });
  afterEach(() => {
    killLiveFixtures();
    folder.remove();
  });

  it('three processes burn down 2 000 works (with chains): each SUCCEEDED once, in dependency order', async () => {
    const file = folder.file();
    const log = folder.file('runs.log');
    writeFileSync(log, '');
    const { ids, edges } = await enqueueBurnDown(file, 1_400, 150);
    expect(ids).toHaveLength(2_000);

    const started = performance.now();
    const stats: string[] = [];
    const processes = ['p1', 'p2', 'p3'].map((tag) =>
      spawnFixture(burnProcess, [file, log, tag, '30000', '50', '1', '4'], (line) => {
        if (line.startsWith('stats ')) stats.push(line.slice(6));
      }),
    );
    const exits = await Promise.all(processes.map((p) => p.exited));
    const burnMillis = Math.round(performance.now() - started);
    for (const [i, p] of processes.entries()) expectCleanExit(p, exits[i]!);

    const works = await storedWorks(file);
    expect([...works.values()].filter((w) => w.state !== 'SUCCEEDED')).toEqual([]);
    expect(works.size).toBe(2_000);

    const runs = analyseRunLog(readFileSync(log, 'utf8'));
    expect(runs.overlaps).toEqual([]);
    for (const id of ids) {
      const starts = runs.starts.get(id) ?? [];
      const ends = runs.ends.get(id) ?? [];
      expect({ id, starts: starts.length, ends: ends.length }).toEqual({ id, starts: 1, ends: 1 });
      // The output names the process whose run ended it: exactly that run concluded the work.
      expect(works.get(id)?.output.get('by')).toBe(ends[0]!.tag);
    }
    const lineIndex = new Map(
      runs.lines.map((line, i) => [`${line.kind} ${'id' in line ? line.id : ''}`, i]),
    );
    for (const [before, after] of edges) {
      expect(lineIndex.get(`start ${after}`)!).toBeGreaterThan(lineIndex.get(`end ${before}`)!);
    }
    const byProcess = new Map<string, number>();
    for (const list of runs.ends.values()) {
      for (const end of list) byProcess.set(end.tag, (byProcess.get(end.tag) ?? 0) + 1);
    }
    console.info(
      `burn-down of 2 000 works by 3 processes: ${burnMillis} ms (process start included); works ended per process ${JSON.stringify(Object.fromEntries(byProcess))}; SQLite counters ${stats.join(' ')}`,
    );
    expect(byProcess.size).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('a SIGKILLed process holding RUNNING works: the others recover them after the lease and finish them, never overlapping', async () => {
    const file = folder.file();
    const log = folder.file('runs.log');
    writeFileSync(log, '');
    const leaseMillis = 1_000;
    const { ids } = await enqueueBurnDown(file, 300, 0);

    let victimStarts = 0;
    let killedAt = 0;
    let startSurvivors: () => void = () => {};
    const victimKilled = new Promise<void>((resolve) => (startSurvivors = resolve));
    // The victim is slow (200 ms a work) and alone at first, so that it surely holds its eight
    // runs when it is killed; the survivors start only then.
    const victim: FixtureProcess = spawnFixture(
      burnProcess,
      [file, log, 'victim', String(leaseMillis), '50', '200', '8'],
      (line) => {
        if (!line.startsWith('start ') || ++victimStarts !== 8) return;
        appendFileSync(log, `kill victim ${victim.pid} - ${Date.now()}\n`);
        killedAt = Date.now();
        victim.child.kill('SIGKILL');
        startSurvivors();
      },
    );
    await victimKilled;
    const survivors = ['s1', 's2'].map((tag) =>
      spawnFixture(burnProcess, [file, log, tag, String(leaseMillis), '50', '5', '4']),
    );
    expect((await victim.exited).signal).toBe('SIGKILL');
    const exits = await Promise.all(survivors.map((p) => p.exited));
    for (const [i, p] of survivors.entries()) expectCleanExit(p, exits[i]!);

    const works = await storedWorks(file);
    expect([...works.values()].filter((w) => w.state !== 'SUCCEEDED')).toEqual([]);
    const runs = analyseRunLog(readFileSync(log, 'utf8'));
    expect(runs.overlaps).toEqual([]);
    expect(runs.deadRuns.length).toBeGreaterThan(0);
    for (const id of ids) {
      const ends = runs.ends.get(id) ?? [];
      expect(ends.length, id).toBeGreaterThanOrEqual(1);
      // A survivor ran it at most once; more ends only from a victim run cut before its commit.
      expect(ends.filter((e) => e.tag !== 'victim').length, id).toBeLessThanOrEqual(1);
    }
    const recoveryDelays: number[] = [];
    for (const dead of runs.deadRuns) {
      const rerun = (runs.starts.get(dead.id) ?? []).find((s) => s.tag !== 'victim');
      expect(rerun, `${dead.id} was not re-run by a survivor`).toBeDefined();
      expect(works.get(dead.id)?.output.get('by')).toBe(rerun!.tag);
      // Not before the victim's lease could have expired (it started at its claim, just before
      // the start line; without leases a re-run would follow the kill within a poll).
      expect(rerun!.at - dead.at).toBeGreaterThanOrEqual(leaseMillis - 250);
      recoveryDelays.push(rerun!.at - killedAt);
    }
    console.info(
      `killed with ${runs.deadRuns.length} live runs; re-run ${Math.min(...recoveryDelays)}–${Math.max(...recoveryDelays)} ms after the kill`,
    );
  }, 60_000);
});
