/**
 * A small, independent reference model of the WorkManager spec (§3, §5, §6, §7, §8, §9, §11)
 * for the model-based engine test. It knows only what the generated commands can do: one
 * worker, no constraints, no flex, no overrides, no input merging. Everything is synchronous;
 * time only moves through {@link ReferenceModel.advanceTo}.
 *
 * It deliberately does not import the engine's rules: the point is a second opinion.
 */

export type WorkState = 'ENQUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'BLOCKED' | 'CANCELLED';

/** What the scripted worker does on one invocation; `hang` waits for the test (or a stop). */
export type Step = 'success' | 'failure' | 'retry' | 'throw' | 'hang';

/** A step a hung worker may be released with. */
export type ReleaseStep = Exclude<Step, 'hang'>;

export type Kind = 'one-time' | 'periodic';

/** The request parameters an update replaces (spec §8). */
export interface WorkParams {
  readonly initialDelay: number;
  /** 0 for one-time work. */
  readonly interval: number;
  readonly backoffPolicy: 'LINEAR' | 'EXPONENTIAL';
  readonly backoffDelay: number;
  /** Every tag, the worker name included. */
  readonly tags: readonly string[];
}

/** A request as the model sees it. */
export interface NewWork {
  readonly id: string;
  readonly kind: Kind;
  readonly params: WorkParams;
  readonly script: readonly Step[];
}

export interface ModelWork {
  readonly id: string;
  readonly kind: Kind;
  state: WorkState;
  runAttemptCount: number;
  periodCount: number;
  lastEnqueueTime: number;
  generation: number;
  stopReason: number;
  params: WorkParams;
  readonly uniqueName: string | null;
  prerequisites: string[];
}

export type OneTimePolicy = 'REPLACE' | 'KEEP' | 'APPEND' | 'APPEND_OR_REPLACE';
export type PeriodicPolicy = 'KEEP' | 'REPLACE' | 'CANCEL_AND_REENQUEUE' | 'UPDATE';

/** What an API call returned: a value or a rejection code. */
export type CallOutcome =
  | { readonly ok: true; readonly value?: string }
  | { readonly error: string };

/** One worker invocation: the attempt count and generation the worker saw. */
export interface Invocation {
  readonly attempt: number;
  readonly generation: number;
}

export const NOT_STOPPED = -256;
export const CANCELLED_BY_APP = 1;
const MAX_BACKOFF = 18_000_000;
const OK: CallOutcome = { ok: true };

const isFinished = (s: WorkState): boolean =>
  s === 'SUCCEEDED' || s === 'FAILED' || s === 'CANCELLED';

export class ReferenceModel {
  now = 0;
  lastCancelAllTime = 0;
  /** Stored works in insertion order. */
  readonly works = new Map<string, ModelWork>();
  /** Every id ever enqueued (deleted ones stay), with its kind: commands pick from these. */
  readonly known: { id: string; kind: Kind }[] = [];
  /** Ids whose worker is waiting on the test, in start order; deleted ones stay until released. */
  readonly liveRuns: string[] = [];
  readonly invocations = new Map<string, Invocation[]>();
  private readonly scripts = new Map<string, readonly Step[]>();

  /** androidx's calculateNextRunTime for what the commands can build (spec §4.2). */
  nextRunAt(w: ModelWork): number {
    if (w.state !== 'ENQUEUED') return Number.POSITIVE_INFINITY;
    const p = w.params;
    if (w.runAttemptCount > 0) {
      const n = w.runAttemptCount;
      const delay =
        p.backoffPolicy === 'LINEAR' ? p.backoffDelay * n : p.backoffDelay * 2 ** (n - 1);
      return w.lastEnqueueTime + Math.min(delay, MAX_BACKOFF);
    }
    if (w.kind === 'periodic') {
      return w.lastEnqueueTime + (w.periodCount === 0 ? p.initialDelay : p.interval);
    }
    return w.lastEnqueueTime === -1 ? Number.POSITIVE_INFINITY : w.lastEnqueueTime + p.initialDelay;
  }

  // ---- commands ---------------------------------------------------------------------------

  /** `enqueue` / `beginWith(...).then(...)`: levels of one chain, no name. */
  enqueue(levels: readonly (readonly NewWork[])[]): CallOutcome {
    this.insert(levels, [], null);
    this.runDue();
    return OK;
  }

  /** `enqueueUniqueWork` / `beginUniqueWork(...).then(...)` (spec §5.1). */
  enqueueUnique(
    name: string,
    policy: OneTimePolicy | 'KEEP' | 'REPLACE',
    levels: readonly (readonly NewWork[])[],
  ): CallOutcome {
    const members = this.members(name);
    let appendTo: string[] = [];
    if (members.length > 0) {
      const leaves = members.filter((m) => this.dependentsOf(m.id).length === 0);
      switch (policy) {
        case 'KEEP':
          if (members.some((m) => m.state === 'ENQUEUED' || m.state === 'RUNNING')) return OK;
          this.replace(members);
          break;
        case 'REPLACE':
          this.replace(members);
          break;
        case 'APPEND':
          appendTo = leaves.map((m) => m.id);
          break;
        case 'APPEND_OR_REPLACE':
          if (leaves.some((m) => m.state === 'FAILED' || m.state === 'CANCELLED')) {
            for (const m of members) this.delete(m.id);
          } else {
            appendTo = leaves.map((m) => m.id);
          }
          break;
      }
    }
    this.insert(levels, appendTo, name);
    this.runDue();
    return OK;
  }

  /** `enqueueUniquePeriodicWork` (spec §5.2). */
  enqueueUniquePeriodic(name: string, policy: PeriodicPolicy, work: NewWork): CallOutcome {
    if (policy !== 'UPDATE') {
      return this.enqueueUnique(name, policy === 'KEEP' ? 'KEEP' : 'REPLACE', [[work]]);
    }
    const members = this.members(name);
    const only = members[0];
    if (only === undefined) return this.enqueueUnique(name, 'KEEP', [[work]]);
    if (members.length > 1 || only.kind !== 'periodic') return { error: 'UNSUPPORTED_OPERATION' };
    if (only.state === 'CANCELLED') {
      this.delete(only.id);
      return this.enqueueUnique(name, 'KEEP', [[work]]);
    }
    if (only.state === 'SUCCEEDED' || only.state === 'FAILED') return OK;
    this.applyUpdate(only, work.params);
    this.runDue();
    return OK;
  }

  /** `updateWork` (spec §8); the request keeps the work's kind. */
  update(id: string, params: WorkParams): CallOutcome {
    const w = this.works.get(id);
    if (!w) return { error: 'WORK_NOT_FOUND' };
    if (isFinished(w.state)) return { ok: true, value: 'NOT_APPLIED' };
    const running = w.state === 'RUNNING';
    this.applyUpdate(w, params);
    this.runDue();
    return { ok: true, value: running ? 'APPLIED_FOR_NEXT_RUN' : 'APPLIED_IMMEDIATELY' };
  }

  cancelById(id: string): CallOutcome {
    this.cancel(this.works.has(id) ? [id] : []);
    this.runDue();
    return OK;
  }

  cancelByTag(tag: string): CallOutcome {
    this.cancel(
      this.unfinished()
        .filter((w) => w.params.tags.includes(tag))
        .map((w) => w.id),
    );
    this.runDue();
    return OK;
  }

  cancelByName(name: string): CallOutcome {
    this.cancel(
      this.unfinished()
        .filter((w) => w.uniqueName === name)
        .map((w) => w.id),
    );
    this.runDue();
    return OK;
  }

  cancelAll(): CallOutcome {
    this.cancel(this.unfinished().map((w) => w.id));
    this.lastCancelAllTime = this.now;
    this.runDue();
    return OK;
  }

  /** Explicit `pruneWork` (spec §11): finished works no unfinished work depends on. */
  prune(): CallOutcome {
    const prunable = [...this.works.values()].filter(
      (w) =>
        isFinished(w.state) &&
        !this.dependentsOf(w.id).some((d) => !isFinished(this.works.get(d)!.state)),
    );
    for (const w of prunable) this.delete(w.id);
    return OK;
  }

  /** Virtual time passes: every work runs at the time it falls due, in time order. */
  advanceTo(target: number): void {
    for (;;) {
      let next = Number.POSITIVE_INFINITY;
      for (const w of this.works.values()) next = Math.min(next, this.nextRunAt(w));
      if (next > target) break;
      this.now = Math.max(this.now, next);
      this.runDue();
    }
    this.now = target;
    this.runDue();
  }

  /** A hung worker returns `step`; ignored when its work was cancelled or deleted meanwhile. */
  release(id: string, step: ReleaseStep): void {
    this.dropLiveRun(id);
    const w = this.works.get(id);
    if (w?.state === 'RUNNING') this.conclude(w, step);
    this.runDue();
  }

  /** The TestDriver stops a live run (spec §3.2 interruption). */
  stop(id: string, reason: number): void {
    this.dropLiveRun(id);
    const w = this.works.get(id);
    if (w?.state === 'RUNNING') {
      w.state = 'ENQUEUED';
      w.stopReason = reason;
    }
    this.runDue();
  }

  // ---- rules ------------------------------------------------------------------------------

  /** Works that may be picked up now start, and those that can finish at once do. */
  private runDue(): void {
    for (;;) {
      const due = [...this.works.values()].filter((w) => this.nextRunAt(w) <= this.now);
      if (due.length === 0) return;
      for (const w of due) if (w.state === 'ENQUEUED') this.start(w);
    }
  }

  private start(w: ModelWork): void {
    w.state = 'RUNNING';
    w.runAttemptCount += 1;
    w.stopReason = NOT_STOPPED;
    const log = this.invocations.get(w.id) ?? [];
    log.push({ attempt: w.runAttemptCount - 1, generation: w.generation });
    this.invocations.set(w.id, log);
    const step = this.scripts.get(w.id)?.[log.length - 1] ?? 'success';
    if (step === 'hang') this.liveRuns.push(w.id);
    else this.conclude(w, step);
  }

  /** §3.2 / §7: what a run's result does to its work and its dependents. */
  private conclude(w: ModelWork, step: ReleaseStep): void {
    w.stopReason = NOT_STOPPED;
    if (step === 'retry') {
      w.state = 'ENQUEUED';
      w.lastEnqueueTime = this.now;
    } else if (w.kind === 'periodic') {
      w.state = 'ENQUEUED';
      w.runAttemptCount = 0;
      w.periodCount += 1;
      w.lastEnqueueTime = this.now;
    } else if (step === 'success') {
      w.state = 'SUCCEEDED';
      for (const id of this.dependentsOf(w.id)) {
        const d = this.works.get(id)!;
        const ready = d.prerequisites.every((p) => this.works.get(p)?.state === 'SUCCEEDED');
        if (d.state === 'BLOCKED' && ready) {
          d.state = 'ENQUEUED';
          d.lastEnqueueTime = this.now;
        }
      }
    } else {
      w.state = 'FAILED';
      for (const id of this.descendantsOf([w.id])) {
        const d = this.works.get(id)!;
        if (d.state !== 'CANCELLED') d.state = 'FAILED';
      }
    }
  }

  /** §9: the roots and every transitive dependent that is still unfinished. */
  private cancel(roots: readonly string[]): void {
    const unique = [...new Set(roots)];
    for (const id of [...unique, ...this.descendantsOf(unique)]) {
      const w = this.works.get(id);
      if (!w || isFinished(w.state)) continue;
      w.stopReason = w.state === 'RUNNING' ? CANCELLED_BY_APP : NOT_STOPPED;
      if (w.state === 'RUNNING') this.dropLiveRun(id);
      w.state = 'CANCELLED';
    }
  }

  private replace(members: readonly ModelWork[]): void {
    this.cancel(members.filter((m) => !isFinished(m.state)).map((m) => m.id));
    for (const m of members) this.delete(m.id);
  }

  /** §3.1: each level's state from its prerequisites as stored. */
  private insert(
    levels: readonly (readonly NewWork[])[],
    appendTo: readonly string[],
    name: string | null,
  ): void {
    let prerequisites = [...appendTo];
    for (const level of levels) {
      const states = prerequisites.map((p) => this.works.get(p)!.state);
      const state: WorkState = states.every((s) => s === 'SUCCEEDED')
        ? 'ENQUEUED'
        : states.includes('FAILED')
          ? 'FAILED'
          : states.includes('CANCELLED')
            ? 'CANCELLED'
            : 'BLOCKED';
      for (const work of level) {
        this.works.set(work.id, {
          id: work.id,
          kind: work.kind,
          state,
          runAttemptCount: 0,
          periodCount: 0,
          lastEnqueueTime: state === 'ENQUEUED' ? this.now : -1,
          generation: 0,
          stopReason: NOT_STOPPED,
          params: work.params,
          uniqueName: name,
          prerequisites: [...prerequisites],
        });
        this.scripts.set(work.id, work.script);
        this.known.push({ id: work.id, kind: work.kind });
      }
      prerequisites = level.map((w) => w.id);
    }
  }

  private applyUpdate(w: ModelWork, params: WorkParams): void {
    w.params = params;
    w.generation += 1;
  }

  /** Removes a row and its dependency rows in both directions. */
  private delete(id: string): void {
    this.works.delete(id);
    for (const w of this.works.values()) w.prerequisites = w.prerequisites.filter((p) => p !== id);
  }

  private dropLiveRun(id: string): void {
    const at = this.liveRuns.indexOf(id);
    if (at >= 0) this.liveRuns.splice(at, 1);
  }

  private members(name: string): ModelWork[] {
    return [...this.works.values()].filter((w) => w.uniqueName === name);
  }

  private unfinished(): ModelWork[] {
    return [...this.works.values()].filter((w) => !isFinished(w.state));
  }

  dependentsOf(id: string): string[] {
    return [...this.works.values()].filter((w) => w.prerequisites.includes(id)).map((w) => w.id);
  }

  /** Transitive dependents, each once, walking through works of any state. */
  private descendantsOf(starts: readonly string[]): string[] {
    const seen = new Set(starts);
    const found: string[] = [];
    for (let i = 0, queue = [...starts]; i < queue.length; i++) {
      for (const d of this.dependentsOf(queue[i]!)) {
        if (seen.has(d)) continue;
        seen.add(d);
        found.push(d);
        queue.push(d);
      }
    }
    return found;
  }
}
