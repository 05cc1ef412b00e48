import {
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  Result,
  randomWorkId,
  silentLogger,
  type Workers,
  type WorkInfo,
} from '@workmanager-ts/core';
import { filter, firstValueFrom, timeout } from 'rxjs';
import type { AndroidTestKit } from './android-test-kit.js';

/** One scenario of the on-device conformance run, named by its spec/scenarios.md id. */
export interface DeviceScenario {
  readonly id: string;
  readonly name: string;
  run(kit: AndroidTestKit): Promise<void>;
}

let periodicRuns = 0;

/** The workers the scenarios use; the harness app registers them at module top level. */
export const DEVICE_SCENARIO_WORKERS: Workers = {
  'wmts.echo': (ctx) => Result.success({ echo: ctx.inputData.get('n') ?? null }),
  'wmts.fail': () => Result.failure({ why: 'on purpose' }),
  'wmts.periodic': () => {
    periodicRuns++;
    return Result.success();
  },
};

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Waits (at most 20 s) for a work to match `done`, driving it with the TestDriver first. */
async function settleTo(
  kit: AndroidTestKit,
  id: string,
  done: (info: WorkInfo | null) => boolean,
): Promise<WorkInfo> {
  await kit.driver.setAllConstraintsMet(id).catch(() => {});
  const info = await firstValueFrom(
    kit.wm.observeWorkInfoById(id).pipe(filter(done), timeout(20_000)),
  );
  return info!;
}

/**
 * Black-box scenarios through the public `WorkManager` API and work-testing's TestDriver. They
 * run in the harness app on a device (docs/device-harness.md) and, as a dry run of the same
 * code, against the JVM fake in CI. A stand-in until core's conformance suite accepts a
 * WorkManager factory (it is parameterised by a WorkStore today).
 */
export const DEVICE_SCENARIOS: readonly DeviceScenario[] = [
  {
    id: 'WW-01',
    name: 'a worker that succeeds leaves the work SUCCEEDED with its output',
    async run(kit) {
      const r = OneTimeWorkRequest.from('wmts.echo', { input: { n: 7 } });
      await kit.wm.enqueue(r);
      const info = await settleTo(kit, r.id, (i) => i?.state === 'SUCCEEDED');
      check(info.outputData.get('echo') === 7, `output ${JSON.stringify(info.outputData)}`);
    },
  },
  {
    id: 'WW-03',
    name: 'a worker that fails leaves the work FAILED with runAttemptCount 1',
    async run(kit) {
      const r = OneTimeWorkRequest.from('wmts.fail');
      await kit.wm.enqueue(r);
      const info = await settleTo(kit, r.id, (i) => i?.state === 'FAILED');
      check(info.runAttemptCount === 1, `runAttemptCount ${info.runAttemptCount}`);
      check(info.outputData.get('why') === 'on purpose', 'failure output kept');
    },
  },
  {
    id: 'CH-01',
    name: 'A.then(B).then(C): the dependents wait BLOCKED and all succeed in order',
    async run(kit) {
      const [a, b, c] = [1, 2, 3].map((n) =>
        OneTimeWorkRequest.from('wmts.echo', { input: { n } }),
      );
      await kit.wm.beginWith(a!).then(b!).then(c!).enqueue();
      const blocked = await kit.wm.getWorkInfoById(c!.id);
      check(
        blocked?.state === 'BLOCKED' ||
          blocked?.state === 'ENQUEUED' ||
          blocked?.state === 'SUCCEEDED',
        `C is ${blocked?.state}`,
      );
      for (const r of [a!, b!, c!]) await settleTo(kit, r.id, (i) => i?.state === 'SUCCEEDED');
    },
  },
  {
    id: 'CAN-01',
    name: 'cancelling one of two waiting works cancels only that one',
    async run(kit) {
      const constraints = { requiresCharging: true };
      const [x, y] = [
        OneTimeWorkRequest.from('wmts.echo', { constraints }),
        OneTimeWorkRequest.from('wmts.echo', { constraints }),
      ];
      await kit.wm.enqueue([x!, y!]);
      await kit.wm.cancelWorkById(x!.id);
      check((await kit.wm.getWorkInfoById(x!.id))?.state === 'CANCELLED', 'x CANCELLED');
      check((await kit.wm.getWorkInfoById(y!.id))?.state === 'ENQUEUED', 'y still ENQUEUED');
    },
  },
  {
    id: 'QRY-01',
    name: 'getWorkInfoById of an unknown id is null',
    async run(kit) {
      check((await kit.wm.getWorkInfoById(randomWorkId())) === null, 'null for an unknown id');
    },
  },
  {
    id: 'UPD-03',
    name: 'updating finished work is NOT_APPLIED',
    async run(kit) {
      const r = OneTimeWorkRequest.from('wmts.echo');
      await kit.wm.enqueue(r);
      await settleTo(kit, r.id, (i) => i?.state === 'SUCCEEDED');
      const result = await kit.wm.updateWork(
        OneTimeWorkRequest.from('wmts.echo', { id: r.id, tags: ['late'] }),
      );
      check(result === 'NOT_APPLIED', `got ${result}`);
    },
  },
  {
    id: 'PER-01',
    name: 'a periodic run that succeeds goes back to ENQUEUED with runAttemptCount 0 (interval clamped to 15 min)',
    async run(kit) {
      const before = periodicRuns;
      const r = PeriodicWorkRequest.from(
        'wmts.periodic',
        { repeatInterval: { minutes: 1 } },
        { logger: silentLogger },
      );
      await kit.wm.enqueue(r);
      const info = await settleTo(
        kit,
        r.id,
        (i) => i?.state === 'ENQUEUED' && periodicRuns > before,
      );
      check(info.runAttemptCount === 0, `runAttemptCount ${info.runAttemptCount}`);
      check(info.periodicityInfo?.repeatIntervalMillis === 900_000, 'interval clamped to 15 min');
    },
  },
];

/**
 * Runs every scenario in order on fresh work, logging one line each and the closing
 * `N passed, N failed` line the harness's instrumentation test looks for.
 */
export async function runDeviceScenarios(
  kit: AndroidTestKit,
  log: (line: string) => void,
): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const scenario of DEVICE_SCENARIOS) {
    try {
      await kit.wm.cancelAllWork();
      await kit.wm.pruneWork();
      await scenario.run(kit);
      passed++;
      log(`WMTS ok ${scenario.id} ${scenario.name}`);
    } catch (error) {
      failed++;
      log(
        `WMTS FAIL ${scenario.id} ${scenario.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  log(`WMTS-CONFORMANCE ${passed} passed, ${failed} failed`);
  return { passed, failed };
}
