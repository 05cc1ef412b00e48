import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  Data,
  ERROR_OUTPUT_KEY,
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  Result,
  silentLogger,
  type WorkInfo,
} from '@workmanager-ts/core';
import { filter, firstValueFrom, Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AndroidWorkManager,
  createAndroidTestKit,
  createAndroidWorkManager,
  DEVICE_SCENARIO_WORKERS,
  LineTransport,
  type RunRequest,
  runDeviceScenarios,
} from '../../src/index.js';
import { buildKotlin, type KotlinBuild, PACKAGE_DIR } from '../support/kotlin-build.js';

let build: KotlinBuild;

beforeAll(() => {
  build = buildKotlin();
});

describe('Kotlin on the JVM (no Android SDK: androidx.work, RN and Capacitor are stubs)', () => {
  it('compiles core, PlanExecutor, JsWorker and the RN, Capacitor and NativeScript adapters against the stubs and the codegen spec', () => {
    for (const cls of [
      'JsWorker',
      'PlanExecutor',
      'rn/WorkBridgeModule',
      'rn/WorkBridgePackage',
      'rn/WorkBridgeReactHost',
      'capacitor/WorkBridgePlugin',
      'nativescript/WorkBridgeFacade',
      'harness/WorkTestingDriver',
    ]) {
      expect(existsSync(`${build.classes}/dev/workmanagerts/android/${cls}.class`), cls).toBe(true);
    }
  });

  it('passes the JVM tests of the pure layers on the shared contract vectors', () => {
    const result = spawnSync(
      'java',
      ['-cp', build.runtimeClasspath, 'dev.workmanagerts.android.ContractTestsKt', 'contract'],
      {
        cwd: PACKAGE_DIR,
        encoding: 'utf8',
      },
    );
    expect(result.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(Number(/^(\d+) passed/m.exec(result.stdout)?.[1])).toBeGreaterThanOrEqual(40);
    expect(result.status).toBe(0);
  });

  it('keeps JsWorker at its stable, persisted class name', () => {
    const result = spawnSync(
      'javap',
      ['-cp', `${build.classes}:${build.stubClasses}`, 'dev.workmanagerts.android.JsWorker'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.stdout).toContain(
      'public final class dev.workmanagerts.android.JsWorker extends androidx.work.ListenableWorker',
    );
  });
});

/**
 * The cross-language harness: the real TypeScript client and WorkerRuntime talk NDJSON over
 * stdio to the real Kotlin BridgeCore, whose WorkManager is a fake. This checks serialization
 * and routing only — not WorkManager's behaviour, which needs a device.
 */
describe('stdio harness: TS client ↔ Kotlin BridgeCore (fake WorkManager; serialization and routing only)', () => {
  let child: ChildProcess;
  let transport: LineTransport;
  let wm: AndroidWorkManager;
  const runs: RunRequest[] = [];
  const stopped: { signal: AbortSignal; reason: () => number }[] = [];
  const releases = new Map<string, () => void>();

  beforeAll(() => {
    child = spawn(
      'java',
      ['-cp', build.runtimeClasspath, 'dev.workmanagerts.android.testing.StdioMainKt'],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    transport = new LineTransport((line) => child.stdin!.write(`${line}\n`));
    createInterface({ input: child.stdout! }).on('line', (line) => transport.receiveLine(line));
    child.on('exit', () => transport.failPending('The Kotlin harness exited.'));
    wm = createAndroidWorkManager({
      transport,
      logger: silentLogger,
      workers: {
        ...DEVICE_SCENARIO_WORKERS,
        upload: async (ctx) => {
          await ctx.setProgress({ percent: 50 });
          return Result.success({
            url: `https://cdn.test/${ctx.inputData.get('name')}`,
            sizes: [1, 2, 3000000000],
          });
        },
        slow: (ctx) =>
          new Promise((resolve) => {
            stopped.push({ signal: ctx.signal, reason: () => ctx.stopReason });
            releases.set(ctx.id, () => resolve(Result.success()));
          }),
        broken: () => {
          throw new Error('boom');
        },
      },
    });
    wm.client.on('runRequested', (run) => void runs.push(run));
  });

  afterAll(async () => {
    await wm?.close();
    child?.stdin?.end();
  });

  const until = <T>(source: Observable<T>, done: (value: T) => boolean): Promise<T> =>
    firstValueFrom(source.pipe(filter(done)));
  // The same TestDriver verbs the on-device harness uses, here answered by the fake.
  const start = (id: string) => createAndroidTestKit(wm).driver.setAllConstraintsMet(id);

  it('hello negotiates protocol 1 with the Kotlin side', async () => {
    const session = await wm.session();
    expect(session.protocolVersion).toBe(1);
    expect(session.capabilities).toContain('test');
  });

  it('enqueue → runRequested → worker runs with progress → completeRun → SUCCEEDED with output in a snapshot', async () => {
    const request = OneTimeWorkRequest.from('upload', {
      input: { name: 'cat.jpg' },
      tags: ['photos'],
    });
    const states: string[] = [];
    const observed = wm.observeWorkInfoById(request.id);
    const subscription = observed.subscribe((info) => info && states.push(info.state));
    await wm.enqueue(request);
    const succeeded = until(observed, (info) => info?.state === 'SUCCEEDED');
    await start(request.id);
    const info = (await succeeded)!;
    subscription.unsubscribe();
    expect(
      info.outputData.equals(
        Data.from({ url: 'https://cdn.test/cat.jpg', sizes: [1, 2, 3000000000] }),
      ),
    ).toBe(true);
    expect([...info.tags].sort()).toEqual(['photos', 'upload']);
    expect(states[0]).toBe('ENQUEUED');
    expect(states).toContain('RUNNING');
    expect(states.at(-1)).toBe('SUCCEEDED');
    const run = runs.find((r) => r.workId === request.id)!;
    expect(run.workerName).toBe('upload');
    expect(run.inputData).toEqual({ name: 'cat.jpg' });
  });

  it('cancelling a running work sends runStopped: the signal aborts, and a late completeRun is UNKNOWN_RUN', async () => {
    const request = OneTimeWorkRequest.from('slow');
    await wm.enqueue(request);
    await start(request.id);
    const run = await firstValueFrom(
      new Observable<RunRequest>((s) => {
        const found = runs.find((r) => r.workId === request.id);
        if (found) s.next(found);
        return wm.client.on('runRequested', (r) => r.workId === request.id && s.next(r));
      }),
    );
    await wm.cancelWorkById(request.id);
    const aborted = stopped.at(-1)!;
    await until(wm.observeWorkInfoById(request.id), (i) => i?.state === 'CANCELLED');
    expect(aborted.signal.aborted).toBe(true);
    expect(aborted.reason()).toBe(1);
    releases.get(request.id)?.();
    await expect(
      wm.client.call('completeRun', { runId: run.runId, outcome: { type: 'success' } }),
    ).rejects.toMatchObject({
      code: 'ILLEGAL_STATE',
      message: /UNKNOWN_RUN/,
    });
  });

  it('a worker that throws, or is not registered, fails the work with a wm.error output', async () => {
    const broken = OneTimeWorkRequest.from('broken');
    const unknown = OneTimeWorkRequest.from('nobody-registered-me');
    await wm.enqueue([broken, unknown]);
    await start(broken.id);
    await start(unknown.id);
    const failed = (id: string) =>
      until(wm.observeWorkInfoById(id), (i: WorkInfo | null) => i?.state === 'FAILED');
    const [b, u] = await Promise.all([failed(broken.id), failed(unknown.id)]);
    expect(b!.outputData.get(ERROR_OUTPUT_KEY)).toBe('Worker broken threw: boom');
    expect(String(u!.outputData.get(ERROR_OUTPUT_KEY))).toContain(
      'No worker is registered under "nobody-registered-me"',
    );
  });

  it('a chain is BLOCKED until its parent succeeds; periodic work comes back with its clamped periodicity', async () => {
    const a = OneTimeWorkRequest.from('upload', { input: { name: 'a' } });
    const b = OneTimeWorkRequest.from('upload', { input: { name: 'b' } });
    await wm.beginUniqueWork('album', 'APPEND', a).then(b).enqueue();
    expect((await wm.getWorkInfosForUniqueWork('album')).map((i) => i.state)).toEqual([
      'ENQUEUED',
      'BLOCKED',
    ]);
    await start(a.id);
    await until(wm.observeWorkInfoById(b.id), (i) => i?.state === 'ENQUEUED');
    const sync = PeriodicWorkRequest.from(
      'upload',
      { repeatInterval: { minutes: 1 } },
      { logger: silentLogger },
    );
    await wm.enqueueUniquePeriodicWork('sync', 'UPDATE', sync);
    const [info] = await wm.getWorkInfosForUniqueWork('sync');
    expect(info!.periodicityInfo).toEqual({
      repeatIntervalMillis: 900_000,
      flexIntervalMillis: 900_000,
    });
    const updated = PeriodicWorkRequest.from('upload', {
      id: sync.id,
      repeatInterval: { hours: 1 },
      tags: ['v2'],
    });
    expect(await wm.updateWork(updated)).toBe('APPLIED_IMMEDIATELY');
    expect((await wm.getWorkInfoById(sync.id))!.generation).toBe(1);
  });

  it('the Kotlin side refuses oversized data, unknown ids, other protocol versions and unknown methods', async () => {
    const raw = async (envelope: object) =>
      JSON.parse(await transport.invoke(JSON.stringify(envelope)));
    const big = {
      id: '00000000-0000-4000-8000-0000000000aa',
      workerName: 'upload',
      kind: 'oneTime',
      inputData: { blob: 'x'.repeat(10_300) },
      tags: ['upload'],
      initialDelayMs: 0,
      constraints: {
        network: 'NOT_REQUIRED',
        requiresCharging: false,
        requiresBatteryNotLow: false,
        requiresDeviceIdle: false,
        requiresStorageNotLow: false,
      },
      keepResultsForAtLeastMs: 0,
      inputMerger: 'overwrite',
    };
    expect(
      (await raw({ v: 1, id: 9001, method: 'enqueue', params: { requests: [big] } })).error.code,
    ).toBe('DATA_TOO_LARGE');
    expect((await raw({ v: 2, id: 9002, method: 'pruneWork', params: {} })).error.code).toBe(
      'PROTOCOL',
    );
    expect(
      (
        await raw({
          v: 1,
          id: 9003,
          method: 'hello',
          params: { protocolVersions: [9], workerNames: [] },
        })
      ).error.code,
    ).toBe('PROTOCOL');
    expect((await raw({ v: 1, id: 9004, method: 'frobnicate', params: {} })).error.code).toBe(
      'UNKNOWN_METHOD',
    );
    await expect(wm.updateWork(OneTimeWorkRequest.from('upload'))).rejects.toMatchObject({
      code: 'WORK_NOT_FOUND',
    });
  });

  it('dry run of the on-device harness scenarios against the fake (the device run is the real check)', async () => {
    const lines: string[] = [];
    const { passed, failed } = await runDeviceScenarios(createAndroidTestKit(wm), (line) =>
      lines.push(line),
    );
    expect(lines.filter((l) => l.startsWith('WMTS FAIL'))).toEqual([]);
    expect(failed).toBe(0);
    expect(passed).toBe(7);
    expect(lines.at(-1)).toBe('WMTS-CONFORMANCE 7 passed, 0 failed');
  });
});
