import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type WorkSpec } from '@workmanager-ts/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PostgresWorkStore, postgresStore } from '../../src/index.js';
import { dropSchema, freshSchema, TEST_POSTGRES_URL } from '../postgres-test-server.js';
import { enqueueBurnDown } from './fixtures/burn-down.js';
import { type NodeHosts, openNodeHosts } from './fixtures/node-hosts.js';
import type { NodeOptions } from './fixtures/node-options.js';
import { pollUntil } from './fixtures/poll-until.js';
import { analyseRunLog, type RunLogAnalysis, type WorkRun } from './fixtures/run-log.js';
import { killLiveNodes, type NodeProcess, spawnNode } from './fixtures/spawn-node.js';

/** What a test sets of a node (the schema, run log and host are the test's). */
type NodeSettings = Omit<NodeOptions, 'connectionString' | 'schema' | 'runLog'>;

describe('several node processes on one PostgreSQL schema (separate network namespaces where possible)', () => {
  let nodeHosts: NodeHosts | undefined;
  let schema: string;
  let store: PostgresWorkStore;
  let folder: string;
  let runLog: string;

  beforeAll(async () => {
    nodeHosts = await openNodeHosts(3, TEST_POSTGRES_URL);
    console.info(
      `many-node tests: nodes run in ${nodeHosts.mode}` +
        (nodeHosts.reason ? ` (network namespaces not possible here: ${nodeHosts.reason})` : ''),
    );
  }, 20_000);
  afterAll(async () => {
    await killLiveNodes();
    await nodeHosts?.close();
  });
  beforeEach(async () => {
    schema = freshSchema('wm_nodes');
    store = postgresStore({
      connectionString: TEST_POSTGRES_URL,
      schema,
      poolSize: 2,
      logger: silentLogger,
    });
    await store.ready();
    folder = mkdtempSync(join(tmpdir(), 'wm-many-nodes-'));
    runLog = join(folder, 'runs.log');
    writeFileSync(runLog, '');
  });
  afterEach(async () => {
    await killLiveNodes();
    await store.close();
    await dropSchema(schema);
    rmSync(folder, { recursive: true, force: true });
  });

  const hosts = (): NodeHosts => {
    if (!nodeHosts) throw new Error('beforeAll did not make the hosts');
    return nodeHosts;
  };

  /** Starts one node per settings, the i-th on host `firstHost + i`, and waits until all are ready. */
  async function startNodes(
    settings: readonly NodeSettings[],
    firstHost = 0,
  ): Promise<NodeProcess[]> {
    const nodes = settings.map((s, i) => {
      const host = hosts().hosts[firstHost + i];
      if (!host) throw new Error(`No host ${firstHost + i}`);
      return spawnNode(host, { ...s, schema, runLog });
    });
    await Promise.all(nodes.map((n) => n.ready));
    return nodes;
  }

  /** SIGTERMs the nodes; each must close its engine and exit 0 without writing an error. */
  async function expectCleanStops(nodes: readonly NodeProcess[]): Promise<void> {
    const exits = await Promise.all(nodes.map((n) => n.stop()));
    expect(nodes.map((n, i) => ({ tag: n.tag, exit: exits[i], stderr: n.stderr() }))).toEqual(
      nodes.map((n) => ({ tag: n.tag, exit: { code: 0, signal: null }, stderr: '' })),
    );
  }

  /** In network namespaces, every node reached PostgreSQL from its own namespace only. */
  function expectConnectionsFromOwnHosts(nodes: readonly NodeProcess[]): void {
    if (hosts().mode !== 'network namespaces') return;
    for (const node of nodes) {
      expect({ node: node.tag, peers: [...node.host.peers] }).toEqual({
        node: node.tag,
        peers: [node.host.address],
      });
    }
  }

  async function storedWorks(): Promise<Map<string, WorkSpec>> {
    return new Map((await store.findWorks({})).map((w) => [w.id, w]));
  }

  async function everyWorkFinished(): Promise<boolean> {
    return (await store.findWorks({ states: ['ENQUEUED', 'RUNNING', 'BLOCKED'] })).length === 0;
  }

  function readRunLog(): RunLogAnalysis {
    return analyseRunLog(readFileSync(runLog, 'utf8'));
  }

  /** The runs that ended while their node was alive: the ones whose success can have committed. */
  function completedRuns(runs: RunLogAnalysis, id: string): WorkRun[] {
    return (runs.runs.get(id) ?? []).filter((r) => r.endIndex !== null && !r.dead);
  }

  /** Works that did not SUCCEED, or whose output names another node than the run that ended it. */
  function concludedOtherwise(
    works: ReadonlyMap<string, WorkSpec>,
    runs: RunLogAnalysis,
    ids: readonly string[],
  ): string[] {
    const problems: string[] = [];
    for (const id of ids) {
      const work = works.get(id);
      const completed = completedRuns(runs, id);
      if (work?.state !== 'SUCCEEDED') problems.push(`${id}: ${work?.state ?? 'missing'}`);
      else if (completed.length !== 1) {
        problems.push(`${id}: ${completed.length} completed runs (${JSON.stringify(completed)})`);
      } else if (work.output.get('by') !== completed[0]!.tag) {
        problems.push(`${id}: output by ${work.output.get('by')}, run by ${completed[0]!.tag}`);
      }
    }
    return problems;
  }

  /** Dependents that started before their prerequisite's completed run ended. */
  function outOfOrder(
    runs: RunLogAnalysis,
    edges: readonly (readonly [string, string])[],
  ): string[] {
    return edges.flatMap(([before, after]) => {
      const ended = completedRuns(runs, before)[0]?.endIndex ?? Number.POSITIVE_INFINITY;
      const early = (runs.runs.get(after) ?? []).filter((r) => r.startIndex < ended);
      return early.map((r) => `${after} started by ${r.tag} before ${before} ended`);
    });
  }

  function endedPerNode(runs: RunLogAnalysis): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const list of runs.runs.values()) {
      for (const run of list) {
        if (run.endIndex !== null && !run.dead) counts[run.tag] = (counts[run.tag] ?? 0) + 1;
      }
    }
    return counts;
  }

  it('burn-down: 3 nodes run 400 works (300 independent, 25 chains a → b → [c, d]); each SUCCEEDED by exactly one run, no two runs of a work at once, chains in order', async () => {
    const nodes = await startNodes(
      ['n1', 'n2', 'n3'].map((tag) => ({
        tag,
        leaseMillis: 5_000,
        pollIntervalMillis: 100,
        maxConcurrency: 4,
        workMillis: 5,
        clockOffsetMillis: 0,
      })),
    );
    // The nodes are up before anything is stored: NOTIFY wakes them for the producer's commits.
    const started = performance.now();
    const { ids, edges } = await enqueueBurnDown(store, 300, 25);
    await pollUntil('every work finished', everyWorkFinished, 30_000);
    const burnMillis = Math.round(performance.now() - started);
    await expectCleanStops(nodes);

    const works = await storedWorks();
    expect(works.size).toBe(400);
    const runs = readRunLog();
    expect(runs.overlaps).toEqual([]);
    expect(runs.unmatchedEnds).toEqual([]);
    // Exactly one run per work: none was recovered and run again (leases are 5 s).
    expect(ids.filter((id) => runs.runs.get(id)?.length !== 1)).toEqual([]);
    expect(concludedOtherwise(works, runs, ids)).toEqual([]);
    expect(outOfOrder(runs, edges)).toEqual([]);
    const perNode = endedPerNode(runs);
    expect(Object.keys(perNode).sort()).toEqual(['n1', 'n2', 'n3']);
    expectConnectionsFromOwnHosts(nodes);
    console.info(
      `many-node burn-down (${hosts().mode}): 400 works in ${burnMillis} ms from the first ` +
        `enqueue; works per node ${JSON.stringify(perNode)}`,
    );
  }, 60_000);

  it('a node SIGKILLed while it holds RUNNING works: the others re-run them only after its lease expired, and finish everything', async () => {
    const leaseMillis = 1_500;
    const tuning = {
      leaseMillis,
      pollIntervalMillis: 150,
      maxConcurrency: 4,
      clockOffsetMillis: 0,
    };
    // The victim's runs take longer than the test: it holds whatever it starts until the kill.
    // It starts alone, so that it surely gets a full set of runs; the survivors join then.
    const [victim] = await startNodes([{ tag: 'victim', ...tuning, workMillis: 600_000 }]);
    if (!victim) throw new Error('no victim');
    const { ids, edges } = await enqueueBurnDown(store, 200, 10);
    await pollUntil('the victim holds 4 runs', () => victim.started.length === 4, 15_000);
    const held = [...victim.started].sort();
    const survivors = await startNodes(
      [
        { tag: 's1', ...tuning, workMillis: 10 },
        { tag: 's2', ...tuning, workMillis: 10 },
      ],
      1,
    );

    // With the survivors busy beside it, its runs outlive the leases they had when the survivors
    // were up: only its renewals keep the survivors off them.
    const victimLeases = async (): Promise<Map<string, number>> => {
      const running = await store.findWorks({ ids: held });
      return new Map(
        running
          .filter((w) => w.state === 'RUNNING' && w.runOwner === 'victim')
          .map((w) => [w.id, w.leaseExpiresAt]),
      );
    };
    const earlierLeases = await victimLeases();
    await pollUntil(
      'the victim renewed every lease past the end of the lease it held earlier',
      async () => {
        const leases = await victimLeases();
        expect([...leases.keys()].sort(), 'held by the victim').toEqual(held);
        return held.every((id) => leases.get(id)! >= earlierLeases.get(id)! + leaseMillis);
      },
      10_000,
    );

    const killedAt = Date.now();
    expect(await victim.kill(runLog)).toEqual({ code: null, signal: 'SIGKILL' });
    // The leases the store holds for the dead victim: no one may run those works before them.
    const leasesAtKill = await victimLeases();
    expect([...leasesAtKill.keys()].sort()).toEqual(held);

    await pollUntil('every work finished', everyWorkFinished, 20_000);
    const finishedMillis = Date.now() - killedAt;
    await expectCleanStops(survivors);

    const works = await storedWorks();
    expect(works.size).toBe(240);
    const runs = readRunLog();
    expect(runs.overlaps).toEqual([]);
    expect(runs.unmatchedEnds).toEqual([]);
    expect(runs.deadRuns.map((r) => `${r.tag} ${r.id}`).sort()).toEqual(
      held.map((id) => `victim ${id}`),
    );
    expect(concludedOtherwise(works, runs, ids)).toEqual([]);
    expect(outOfOrder(runs, edges)).toEqual([]);

    const afterLease: number[] = [];
    for (const dead of runs.deadRuns) {
      const reruns = (runs.runs.get(dead.id) ?? []).filter((r) => r.tag !== 'victim');
      expect(
        reruns.map((r) => r.tag),
        `re-runs of ${dead.id}`,
      ).toHaveLength(1);
      const rerun = reruns[0]!;
      expect(rerun.attempt).toBeGreaterThan(dead.attempt);
      // Same machine, same real clock (no skew in this test): the re-run began after the lease.
      const lease = leasesAtKill.get(dead.id)!;
      expect(
        rerun.startedAt,
        `${dead.id} re-run before the victim's lease expired`,
      ).toBeGreaterThanOrEqual(lease);
      // ... and soon after it (a few housekeeping rounds), not by some unrelated later event.
      expect(rerun.startedAt - lease).toBeLessThan(5_000);
      afterLease.push(rerun.startedAt - lease);
    }
    expectConnectionsFromOwnHosts([...survivors, victim]);
    console.info(
      `many-node kill (${hosts().mode}): victim killed holding ${held.length} runs ` +
        `${Math.round(leasesAtKill.get(held[0]!)! - killedAt)} ms before its lease expiry; ` +
        `re-run ${Math.min(...afterLease)}–${Math.max(...afterLease)} ms after the expiry; ` +
        `all finished ${finishedMillis} ms after the kill; works per node ${JSON.stringify(endedPerNode(runs))}`,
    );
  }, 60_000);

  // Clock skew tolerance. A node writes its lease as its own now + leaseMillis and renews it every
  // renewal period, min(pollIntervalMillis, leaseMillis / 3), so by its own clock a live run's
  // lease is always at least leaseMillis − renewal period away (less the renewal's latency).
  // Another node recovers the run once the lease is behind that node's clock. So no live run is
  // ever recovered as long as any two nodes' clocks differ by less than
  //   leaseMillis − min(pollIntervalMillis, leaseMillis / 3)
  // (here 3 000 − 200 = 2 800 ms; the nodes below are at −1 000, 0 and +1 000 ms, at most
  // 2 000 ms apart). Beyond it, runs are recovered while live: see the control test below.
  it('nodes whose clocks differ by up to 2 s (lease 3 s, poll 200 ms) run long works exactly once each, never two at once', async () => {
    const leaseMillis = 3_000;
    const workMillis = 4_000;
    const tuning = { leaseMillis, pollIntervalMillis: 200, maxConcurrency: 3, workMillis };
    const offsets = { behind: -1_000, even: 0, ahead: 1_000 };
    const nodes = await startNodes(
      Object.entries(offsets).map(([tag, clockOffsetMillis]) => ({
        tag,
        ...tuning,
        clockOffsetMillis,
      })),
    );
    const started = performance.now();
    const { ids } = await enqueueBurnDown(store, 18, 0);
    // The offsets are in effect: each node's live leases lie its offset + leaseMillis ahead of
    // the real time (less up to one renewal period and the renewal's latency).
    const leaseLead = new Map<string, number>();
    await pollUntil(
      'a live lease of every node seen',
      async () => {
        const running = await store.findWorks({ states: ['RUNNING'] });
        const now = Date.now();
        for (const w of running) leaseLead.set(w.runOwner!, w.leaseExpiresAt - now);
        return leaseLead.size === nodes.length;
      },
      15_000,
    );
    for (const [tag, offset] of Object.entries(offsets)) {
      const lead = leaseLead.get(tag)!;
      expect(lead, `${tag}'s lease lead`).toBeGreaterThan(offset + leaseMillis - 600);
      expect(lead, `${tag}'s lease lead`).toBeLessThanOrEqual(offset + leaseMillis + 20);
    }
    await pollUntil('every work finished', everyWorkFinished, 40_000, 100);
    const burnMillis = Math.round(performance.now() - started);
    await expectCleanStops(nodes);

    const works = await storedWorks();
    const runs = readRunLog();
    expect(runs.overlaps).toEqual([]);
    expect(runs.unmatchedEnds).toEqual([]);
    // Exactly one run per work: no node took a live run for a dead one.
    expect(ids.filter((id) => runs.runs.get(id)?.length !== 1)).toEqual([]);
    expect(concludedOtherwise(works, runs, ids)).toEqual([]);
    // The setup holds: every run outlived the lease it was claimed with, so renewals mattered.
    const short = [...runs.runs.values()]
      .flat()
      .filter((r) => r.endedAt === null || r.endedAt - r.startedAt < leaseMillis);
    expect(short).toEqual([]);
    const perNode = endedPerNode(runs);
    expect(Object.keys(perNode).sort()).toEqual(['ahead', 'behind', 'even']);
    expectConnectionsFromOwnHosts(nodes);
    console.info(
      `many-node clock skew (${hosts().mode}): 18 works of ${workMillis} ms on nodes at ` +
        `−1 000/0/+1 000 ms in ${burnMillis} ms; works per node ${JSON.stringify(perNode)}; ` +
        `live lease ahead of real time by ${JSON.stringify(Object.fromEntries(leaseLead))} ms`,
    );
  }, 60_000);

  it('control: a node whose clock is more than the lease ahead takes live runs, and the run log shows the double runs', async () => {
    const tuning = {
      leaseMillis: 3_000,
      pollIntervalMillis: 200,
      maxConcurrency: 2,
      workMillis: 600_000,
    };
    const [steady] = await startNodes([{ tag: 'steady', ...tuning, clockOffsetMillis: 0 }]);
    if (!steady) throw new Error('no steady node');
    const { ids } = await enqueueBurnDown(store, 2, 0);
    await pollUntil('the steady node holds both works', () => steady.started.length === 2, 10_000);
    // 4 s ahead: every lease the steady node writes is already behind this node's clock.
    await startNodes([{ tag: 'skewed', ...tuning, clockOffsetMillis: 4_000 }], 1);
    await pollUntil(
      'both works run twice at once',
      () => readRunLog().overlaps.length >= 2,
      15_000,
    );
    const runs = readRunLog();
    for (const id of ids) {
      expect(
        (runs.runs.get(id) ?? []).map((r) => `${r.tag} ${r.endedAt === null ? 'live' : 'ended'}`),
      ).toEqual(['steady live', 'skewed live']);
    }
    console.info(`many-node control (${hosts().mode}): ${runs.overlaps.join('; ')}`);
  }, 30_000);
});
