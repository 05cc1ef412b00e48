import type { StartGate, WorkManagerEngine } from '../engine/work-manager-engine.js';
import { hasConstraints } from '../model/constraints.js';
import { WorkError } from '../model/work-error.js';
import { isBackedOff, isPeriodic, type WorkSpec } from '../model/work-spec.js';
import { isFinished } from '../model/work-state.js';

interface DriverEntry {
  constraintsMet: boolean;
  initialDelayMet: boolean;
  periodDelayMet: boolean;
}

/**
 * androidx's TestDriver (spec §16.2): delays and constraints are met only when the test says
 * so. Every scheduling pass gives each ENQUEUED work an entry of flags; a work starts when its
 * flags allow, and starting consumes the entry.
 */
export interface TestDriver {
  setAllConstraintsMet(id: string): Promise<void>;
  setInitialDelayMet(id: string): Promise<void>;
  setPeriodDelayMet(id: string): Promise<void>;
  /** Stops a running work; it returns to ENQUEUED with this stop reason. */
  stopRunningWorkWithReason(id: string, reason: number): Promise<void>;
}

/** The driver-mode start gate and the TestDriver verbs over it. */
export class TestDriverGate implements StartGate, TestDriver {
  private readonly entries = new Map<string, DriverEntry>();
  private engine: WorkManagerEngine | null = null;

  constructor(private readonly settle: () => Promise<void>) {}

  attach(engine: WorkManagerEngine): void {
    this.engine = engine;
  }

  async onSchedulingPass(engine: WorkManagerEngine): Promise<void> {
    const now = engine.clock.now();
    const ready: string[] = [];
    for (const spec of await engine.store.findWorks({ states: ['ENQUEUED'] })) {
      const entry = this.entryFor(spec.id);
      // A backed-off work whose time has not come is scheduled but not started by a pass.
      if (isBackedOff(spec) && spec.nextRunAt > now) continue;
      if (this.allows(spec, entry)) ready.push(spec.id);
    }
    await this.start(engine, ready);
  }

  setAllConstraintsMet(id: string): Promise<void> {
    return this.met(id, (e) => (e.constraintsMet = true));
  }

  setInitialDelayMet(id: string): Promise<void> {
    return this.met(id, (e) => (e.initialDelayMet = true));
  }

  async setPeriodDelayMet(id: string): Promise<void> {
    const spec = await this.attached().store.getWork(id);
    if (spec && !isPeriodic(spec)) {
      throw new WorkError(
        'INVALID_REQUEST',
        `Work ${id} is not periodic: setPeriodDelayMet is for periodic work.`,
      );
    }
    return this.met(id, (e) => (e.periodDelayMet = true));
  }

  async stopRunningWorkWithReason(id: string, reason: number): Promise<void> {
    this.attached().stopRun(id, reason);
    await this.settle();
  }

  private async met(id: string, set: (entry: DriverEntry) => void): Promise<void> {
    const engine = this.attached();
    const spec = await engine.store.getWork(id);
    if (!spec) {
      throw new WorkError(
        'WORK_NOT_FOUND',
        `Work ${id} is not enqueued: enqueue it before meeting its conditions.`,
      );
    }
    if (isFinished(spec.state)) return;
    const entry = this.entryFor(id);
    set(entry);
    if (spec.state === 'ENQUEUED' && this.allows(spec, entry)) await this.start(engine, [id]);
    await this.settle();
  }

  private allows(spec: WorkSpec, entry: DriverEntry): boolean {
    const firstPeriodicRun =
      spec.periodCount === 0 &&
      spec.runAttemptCount === 0 &&
      !Number.isFinite(spec.nextScheduleTimeOverride);
    return (
      (!hasConstraints(spec.constraints) || entry.constraintsMet) &&
      (!isPeriodic(spec) || entry.periodDelayMet || firstPeriodicRun) &&
      (spec.initialDelay === 0 || entry.initialDelayMet || !firstPeriodicRun)
    );
  }

  private async start(engine: WorkManagerEngine, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of await engine.startWorks(ids)) this.entries.delete(id);
  }

  private entryFor(id: string): DriverEntry {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { constraintsMet: false, initialDelayMet: false, periodDelayMet: false };
      this.entries.set(id, entry);
    }
    return entry;
  }

  private attached(): WorkManagerEngine {
    if (!this.engine)
      throw new WorkError('ILLEGAL_STATE', 'The TestDriver is not attached to a WorkManager yet.');
    return this.engine;
  }
}
