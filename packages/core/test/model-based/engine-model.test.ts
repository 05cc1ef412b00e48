import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  isFinished,
  isWorkError,
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  Result,
  type WorkerContext,
  type WorkInfo,
  type WorkRequest,
  type WorkSpec,
} from '../../src/index.js';
import { createTestWorkManager, type TestWorkManager } from '../../src/testing/index.js';
import { type Command, command, type PeriodicShape, type WorkShape } from './model-commands.js';
import {
  type CallOutcome,
  type Invocation,
  type Kind,
  type NewWork,
  ReferenceModel,
  type ReleaseStep,
  type Step,
  type WorkParams,
} from './reference-model.js';

/** The one worker name; as the worker's implicit tag it is on every request. */
const WORKER = 'mb';

/** The scripted worker and what it saw: invocations per id and overlapping runs. */
class ScriptedWorkers {
  readonly scripts = new Map<string, readonly Step[]>();
  readonly invocations = new Map<string, Invocation[]>();
  readonly releases = new Map<string, (step: ReleaseStep) => void>();
  readonly overlaps: string[] = [];
  private readonly live = new Map<string, number>();

  readonly worker = async (ctx: WorkerContext) => {
    const log = this.invocations.get(ctx.id) ?? [];
    log.push({ attempt: ctx.runAttemptCount, generation: ctx.generation });
    this.invocations.set(ctx.id, log);
    const live = (this.live.get(ctx.id) ?? 0) + 1;
    this.live.set(ctx.id, live);
    if (live > 1) this.overlaps.push(ctx.id);
    try {
      await Promise.resolve(); // let a second run of the same id show up, if there were one
      let step = this.scripts.get(ctx.id)?.[log.length - 1] ?? 'success';
      if (step === 'hang') {
        step = await new Promise<ReleaseStep>((resolve) => {
          this.releases.set(ctx.id, resolve);
          ctx.signal.addEventListener('abort', () => resolve('success'), { once: true });
        });
      }
      switch (step) {
        case 'success':
          return Result.success();
        case 'failure':
          return Result.failure();
        case 'retry':
          return Result.retry();
        case 'throw':
          throw new Error('scripted throw');
      }
    } finally {
      this.live.set(ctx.id, this.live.get(ctx.id)! - 1);
    }
  };
}

/** Runs one command against the engine and the model; returns both call outcomes. */
class Runner {
  private nextId = 0;

  constructor(
    private readonly t: TestWorkManager,
    private readonly model: ReferenceModel,
    private readonly workers: ScriptedWorkers,
  ) {}

  async run(cmd: Command): Promise<{ engine: CallOutcome; model: CallOutcome } | null> {
    const { t, model } = this;
    switch (cmd.kind) {
      case 'enqueue': {
        const [req, work] = this.build('one-time', cmd.work);
        return this.both(
          () => t.wm.enqueue(req),
          () => model.enqueue([[work]]),
        );
      }
      case 'enqueuePeriodic': {
        const [req, work] = this.build('periodic', cmd.work);
        return this.both(
          () => t.wm.enqueue(req),
          () => model.enqueue([[work]]),
        );
      }
      case 'chain': {
        const built = cmd.works.map((w) => this.build('one-time', w));
        return this.both(
          () => {
            let continuation = t.wm.beginWith(built[0]![0]);
            for (const [req] of built.slice(1)) continuation = continuation.then(req);
            return continuation.enqueue();
          },
          () => model.enqueue(built.map(([, work]) => [work])),
        );
      }
      case 'unique': {
        const built = cmd.works.map((w) => this.build('one-time', w));
        return this.both(
          () => {
            if (built.length === 1)
              return t.wm.enqueueUniqueWork(cmd.name, cmd.policy, built[0]![0]);
            let continuation = t.wm.beginUniqueWork(cmd.name, cmd.policy, built[0]![0]);
            for (const [req] of built.slice(1)) continuation = continuation.then(req);
            return continuation.enqueue();
          },
          () =>
            model.enqueueUnique(
              cmd.name,
              cmd.policy,
              built.map(([, work]) => [work]),
            ),
        );
      }
      case 'uniquePeriodic': {
        const [req, work] = this.build('periodic', cmd.work);
        return this.both(
          () => t.wm.enqueueUniquePeriodicWork(cmd.name, cmd.policy, req),
          () => model.enqueueUniquePeriodic(cmd.name, cmd.policy, work),
        );
      }
      case 'cancelId': {
        const target = pickFrom(model.known, cmd.pick);
        if (!target) return null;
        return this.both(
          () => t.wm.cancelWorkById(target.id),
          () => model.cancelById(target.id),
        );
      }
      case 'cancelTag':
        return this.both(
          () => t.wm.cancelAllWorkByTag(cmd.tag),
          () => model.cancelByTag(cmd.tag),
        );
      case 'cancelName':
        return this.both(
          () => t.wm.cancelUniqueWork(cmd.name),
          () => model.cancelByName(cmd.name),
        );
      case 'cancelAll':
        return this.both(
          () => t.wm.cancelAllWork(),
          () => model.cancelAll(),
        );
      case 'update': {
        const target = pickFrom(model.known, cmd.pick);
        if (!target) return null;
        const [req, work] = this.build(target.kind, cmd.work, target.id);
        return this.both(
          () => t.wm.updateWork(req),
          () => model.update(target.id, work.params),
        );
      }
      case 'prune':
        return this.both(
          () => t.wm.pruneWork(),
          () => model.prune(),
        );
      case 'advance': {
        const target = t.clock.now() + cmd.millis;
        return this.both(
          () => t.clock.advanceTo(target),
          () => {
            model.advanceTo(target);
            return { ok: true };
          },
        );
      }
      case 'release': {
        const id = pickFrom(model.liveRuns, cmd.pick);
        if (id === undefined) return null;
        const release = this.workers.releases.get(id);
        if (!release) throw new Error(`The engine never started the hung run of ${id}`);
        return this.both(
          async () => release(cmd.step),
          () => {
            model.release(id, cmd.step);
            return { ok: true };
          },
        );
      }
      case 'stop': {
        const running = model.liveRuns.filter((id) => model.works.get(id)?.state === 'RUNNING');
        const id = pickFrom(running, cmd.pick);
        if (id === undefined) return null;
        return this.both(
          () => t.driver.stopRunningWorkWithReason(id, cmd.reason),
          () => {
            model.stop(id, cmd.reason);
            return { ok: true };
          },
        );
      }
    }
  }

  private async both(
    onEngine: () => Promise<unknown>,
    onModel: () => CallOutcome,
  ): Promise<{ engine: CallOutcome; model: CallOutcome }> {
    let engine: CallOutcome;
    try {
      const value = await onEngine();
      engine = typeof value === 'string' ? { ok: true, value } : { ok: true };
    } catch (error) {
      engine = { error: isWorkError(error) ? error.code : String(error) };
    }
    await this.t.settle();
    return { engine, model: onModel() };
  }

  /** A request and the model's view of it; a fresh id unless updating `id`. */
  private build(kind: Kind, shape: WorkShape | PeriodicShape, id?: string): [WorkRequest, NewWork] {
    const workId = id ?? `w${this.nextId++}`;
    const options = {
      id: workId,
      tags: [shape.tag],
      initialDelay: shape.initialDelay,
      backoff: { policy: shape.backoffPolicy, delay: shape.backoffDelay },
    };
    const interval = 'interval' in shape ? shape.interval : 15 * 60_000;
    const request =
      kind === 'one-time'
        ? OneTimeWorkRequest.from(WORKER, options)
        : PeriodicWorkRequest.from(WORKER, { ...options, repeatInterval: interval });
    const params: WorkParams = {
      initialDelay: shape.initialDelay,
      interval: kind === 'periodic' ? interval : 0,
      backoffPolicy: shape.backoffPolicy,
      backoffDelay: shape.backoffDelay,
      tags: [WORKER, shape.tag],
    };
    if (id === undefined) this.workers.scripts.set(workId, shape.script);
    return [request, { id: workId, kind, params, script: shape.script }];
  }
}

function pickFrom<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

/** What is compared of every work: the model's prediction and the engine's answer. */
function observed(info: WorkInfo, spec: WorkSpec | undefined) {
  return {
    state: info.state,
    runAttemptCount: info.runAttemptCount,
    generation: info.generation,
    stopReason: info.stopReason,
    nextScheduleTimeMillis: info.nextScheduleTimeMillis,
    interval: info.periodicityInfo?.repeatIntervalMillis ?? 0,
    tags: [...info.tags].sort(),
    uniqueName: spec?.uniqueName ?? null,
    prerequisites: [...(spec?.prerequisites ?? [])].sort(),
  };
}

function predicted(model: ReferenceModel) {
  const works: Record<string, ReturnType<typeof observed>> = {};
  for (const w of model.works.values()) {
    works[w.id] = {
      state: w.state,
      runAttemptCount: w.runAttemptCount,
      generation: w.generation,
      stopReason: w.stopReason,
      nextScheduleTimeMillis: model.nextRunAt(w),
      interval: w.params.interval,
      tags: [...w.params.tags].sort(),
      uniqueName: w.uniqueName,
      prerequisites: [...w.prerequisites].sort(),
    };
  }
  return works;
}

/** The spec's invariants, checked on what the engine reports. */
function checkInvariants(
  now: number,
  previous: ReadonlyMap<string, WorkInfo & { periodic: boolean }>,
  infos: readonly WorkInfo[],
  specs: ReadonlyMap<string, WorkSpec>,
  workers: ScriptedWorkers,
): void {
  expect(workers.overlaps, 'no work has two live runs').toEqual([]);
  const stateOf = (id: string) => specs.get(id)?.state;
  for (const info of infos) {
    const before = previous.get(info.id);
    if (before && isFinished(before.state)) {
      expect(info.state, `${info.id} finished as ${before.state} stays so`).toBe(before.state);
    }
    if (before && !before.periodic) {
      expect(info.runAttemptCount, `${info.id} attempts never decrease`).toBeGreaterThanOrEqual(
        before.runAttemptCount,
      );
    }
    const prerequisites = specs.get(info.id)?.prerequisites ?? [];
    if (prerequisites.some((p) => stateOf(p) === 'FAILED')) {
      expect(['FAILED', 'CANCELLED'], `${info.id} depends on a FAILED work`).toContain(info.state);
    }
    if (info.state === 'BLOCKED') {
      const waitingOn = prerequisites.filter((p) => {
        const s = stateOf(p);
        return s !== undefined && !isFinished(s);
      });
      expect(waitingOn.length, `BLOCKED ${info.id} waits on an unfinished work`).toBeGreaterThan(0);
    }
    if (info.state === 'ENQUEUED') {
      expect(info.nextScheduleTimeMillis, `ENQUEUED ${info.id} is not left due`).toBeGreaterThan(
        now,
      );
    }
  }
}

async function runSequence(commands: readonly Command[]): Promise<void> {
  const workers = new ScriptedWorkers();
  const t = await createTestWorkManager({
    mode: 'time',
    workers: { [WORKER]: workers.worker },
    config: { maxConcurrency: 1_000 },
  });
  const model = new ReferenceModel();
  const runner = new Runner(t, model, workers);
  let previous = new Map<string, WorkInfo & { periodic: boolean }>();
  try {
    for (const [index, cmd] of commands.entries()) {
      const outcome = await runner.run(cmd);
      if (!outcome) continue;
      const where = `after command ${index} (${cmd.kind}) at ${t.clock.now()}`;
      expect(outcome.engine, `call outcome ${where}`).toEqual(outcome.model);
      expect(t.clock.now(), where).toBe(model.now);

      const infos = await t.wm.getWorkInfosByTag(WORKER);
      const specs = new Map((await t.engine.store.findWorks({})).map((s) => [s.id, s]));
      const actual = Object.fromEntries(infos.map((i) => [i.id, observed(i, specs.get(i.id))]));
      expect(actual, `works ${where}`).toEqual(predicted(model));
      expect(Object.fromEntries(workers.invocations), `invocations ${where}`).toEqual(
        Object.fromEntries(model.invocations),
      );
      expect(await t.wm.getLastCancelAllTimeMillis(), where).toBe(model.lastCancelAllTime);
      checkInvariants(t.clock.now(), previous, infos, specs, workers);
      previous = new Map(infos.map((i) => [i.id, { ...i, periodic: i.periodicityInfo !== null }]));
    }
  } finally {
    for (const release of workers.releases.values()) release('success');
    await t.close();
  }
}

describe('model-based: engine vs reference model (time mode)', () => {
  it('MB-01 random command sequences keep the engine and the spec model in step', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 1, maxLength: 40, size: 'max' }),
        runSequence,
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('MB-02 settle returns while a worker waits on the test, and sees its release (TD-17)', async () => {
    const workers = new ScriptedWorkers();
    const t = await createTestWorkManager({ mode: 'time', workers: { [WORKER]: workers.worker } });
    workers.scripts.set('latched', ['hang']);
    await t.wm.enqueue(OneTimeWorkRequest.from(WORKER, { id: 'latched' }));
    await t.settle();
    expect((await t.wm.getWorkInfoById('latched'))?.state).toBe('RUNNING');
    workers.releases.get('latched')!('success');
    await t.settle();
    expect((await t.wm.getWorkInfoById('latched'))?.state).toBe('SUCCEEDED');
    await t.close();
  });
});
