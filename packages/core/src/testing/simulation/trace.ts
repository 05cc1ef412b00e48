import { isFinished, type WorkState } from '../../model/work-state.js';
import { constraintsMet } from '../../rules/constraints-met.js';
import type { ConditionsEntry, Downtime, TraceEntry } from './trace-entry.js';

/**
 * Which works a query is about. Left out: every work. Combine works (`combine#n`) match only
 * by id or when nothing is given.
 */
export type WorkTarget =
  | { readonly id: string }
  | { readonly tag: string }
  | { readonly uniqueName: string }
  | { readonly worker: string };

/** A span of virtual time, `from` inclusive and `to` exclusive; open ends are unbounded. */
export interface TimeWindow {
  readonly from?: number;
  readonly to?: number;
}

/** One run of one work: from the claim (RUNNING) to the write that ended it. */
export interface WorkRun {
  readonly id: string;
  readonly start: number;
  /** When the run's end was stored; `null` while it was still running at the end. */
  readonly end: number | null;
  /** The work's `runAttemptCount` during the run (1 on a first attempt). */
  readonly attempt: number;
  readonly generation: number;
  /** The state the run left the work in; `null` if still running at the end or deleted. */
  readonly outcome: WorkState | null;
  /** The stop reason stored with the end (UNKNOWN, -512, after a crash). */
  readonly stopReason: number;
  readonly incarnation: number;
}

/** A work that is unfinished at the end and that nothing will ever move on. */
export interface StuckWork {
  readonly id: string;
  readonly state: WorkState;
  readonly why: string;
}

/** The longest wait of a work that was due, had its constraints met and a live process. */
export interface RunnableWait {
  readonly id: string;
  readonly from: number;
  readonly millis: number;
}

/**
 * What happened in a simulation, with queries that read like the rules people write: "runs
 * of the nightly sync within any hour", "time between consecutive runs", "did any upload ever
 * FAIL", "is anything stuck". Every query is a pure function of the recorded changes.
 */
export class Trace {
  constructor(
    /** Every committed change, in commit order. */
    readonly entries: readonly TraceEntry[],
    /** Device conditions over time (first entry: at the start). */
    readonly conditions: readonly ConditionsEntry[],
    /** Spans during which the process was dead. */
    readonly downtimes: readonly Downtime[],
    /** Virtual time when the simulation started. */
    readonly startTime: number,
    /** Virtual time when the simulation ended. */
    readonly endTime: number,
  ) {}

  /** The changes of the targeted works, in commit order. */
  changes(target?: WorkTarget): TraceEntry[] {
    return target ? this.entries.filter((e) => matches(e, target)) : [...this.entries];
  }

  /** Ids of the targeted works, in order of first appearance. */
  ids(target?: WorkTarget): string[] {
    return [...new Set(this.changes(target).map((e) => e.id))];
  }

  /** The successive states of one work (`null` first when inserted, last when deleted). */
  statesOf(id: string): (WorkState | null)[] {
    const changes = this.changes({ id });
    const first = changes[0];
    if (!first) return [];
    const states: (WorkState | null)[] = [first.from];
    for (const e of changes) if (e.to !== states[states.length - 1]) states.push(e.to);
    return states;
  }

  /** Every run of the targeted works whose start lies in `window`, by start time. */
  runs(target?: WorkTarget, window: TimeWindow = {}): WorkRun[] {
    const runs: WorkRun[] = [];
    const open = new Map<string, TraceEntry>();
    const close = (start: TraceEntry, end: TraceEntry | null): void => {
      runs.push({
        id: start.id,
        start: start.time,
        end: end?.time ?? null,
        attempt: start.runAttemptCount,
        generation: start.generation,
        outcome: end?.to ?? null,
        stopReason: end?.stopReason ?? start.stopReason,
        incarnation: start.incarnation,
      });
    };
    for (const e of this.changes(target)) {
      const started = open.get(e.id);
      if (started && e.to !== 'RUNNING') {
        open.delete(e.id);
        close(started, e);
      }
      if (e.to === 'RUNNING' && e.from !== 'RUNNING') open.set(e.id, e);
    }
    for (const started of open.values()) close(started, null);
    return runs
      .filter((r) => inWindow(r.start, window))
      .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  }

  /** How many runs of the targeted works started within `window`. */
  runCount(target?: WorkTarget, window: TimeWindow = {}): number {
    return this.runs(target, window).length;
  }

  /** The most runs of the targeted works that started within any span of `millis`. */
  maxRunsWithin(target: WorkTarget | undefined, millis: number): number {
    const starts = this.runs(target).map((r) => r.start);
    let best = 0;
    let first = 0;
    for (let last = 0; last < starts.length; last++) {
      while (starts[last]! - starts[first]! >= millis) first++;
      best = Math.max(best, last - first + 1);
    }
    return best;
  }

  /** Time between consecutive run starts of the targeted works (together), in order. */
  timesBetweenRuns(target?: WorkTarget): number[] {
    const starts = this.runs(target).map((r) => r.start);
    return starts.slice(1).map((s, i) => s - starts[i]!);
  }

  /** Whether any targeted work was ever in `state`. */
  everReached(target: WorkTarget | undefined, state: WorkState): boolean {
    return this.firstReached(target, state) !== undefined;
  }

  /** The first change that put a targeted work in `state`. */
  firstReached(target: WorkTarget | undefined, state: WorkState): TraceEntry | undefined {
    return this.changes(target).find((e) => e.to === state);
  }

  /** Each targeted work's last stored change (deleted works included, with `to: null`). */
  finalEntries(target?: WorkTarget): TraceEntry[] {
    const last = new Map<string, TraceEntry>();
    for (const e of this.changes(target)) last.set(e.id, e);
    return [...last.values()];
  }

  /** Each targeted work's state at the end; deleted works are left out. */
  finalStates(target?: WorkTarget): Map<string, WorkState> {
    const states = new Map<string, WorkState>();
    for (const e of this.finalEntries(target)) if (e.to !== null) states.set(e.id, e.to);
    return states;
  }

  /** The state of work `id` just after virtual time `time` (after every write at that time). */
  stateAt(id: string, time: number): WorkState | null {
    let state: WorkState | null = null;
    for (const e of this.changes({ id })) {
      if (e.time > time) break;
      state = e.to;
    }
    return state;
  }

  /**
   * The longest span any targeted work stayed ENQUEUED while it was due, its constraints were
   * met and the process was up — time the scheduler left runnable work waiting. Null if none
   * ever waited. (Runs limited by `maxConcurrency` wait legitimately and count here.)
   */
  longestRunnableWait(target?: WorkTarget): RunnableWait | null {
    let best: RunnableWait | null = null;
    const byId = new Map<string, TraceEntry[]>();
    for (const e of this.changes(target)) {
      const list = byId.get(e.id) ?? [];
      list.push(e);
      byId.set(e.id, list);
    }
    for (const [id, list] of byId) {
      const spans: [number, number][] = [];
      list.forEach((e, i) => {
        if (e.to !== 'ENQUEUED') return;
        const end = list[i + 1]?.time ?? this.endTime;
        spans.push(...this.runnableSpans(e, Math.max(e.time, e.nextRunAt), end));
      });
      for (const [from, to] of mergeSpans(spans)) {
        if (to - from > (best?.millis ?? 0)) best = { id, from, millis: to - from };
      }
    }
    return best;
  }

  /**
   * Works unfinished at the end that nothing will move on: BLOCKED with no unfinished
   * prerequisite, or ENQUEUED with no next run time. RUNNING works are not judged (a run may
   * still be in progress).
   */
  stuck(target?: WorkTarget): StuckWork[] {
    const finals = this.finalStates();
    const stuck: StuckWork[] = [];
    for (const e of this.finalEntries(target)) {
      if (e.to === 'BLOCKED') {
        const waiting = e.prerequisites.filter((p) => {
          const s = finals.get(p);
          return s !== undefined && !isFinished(s);
        });
        if (waiting.length === 0)
          stuck.push({ id: e.id, state: e.to, why: 'BLOCKED with every prerequisite finished' });
      } else if (e.to === 'ENQUEUED' && !Number.isFinite(e.nextRunAt)) {
        stuck.push({ id: e.id, state: e.to, why: 'ENQUEUED with no next run time' });
      }
    }
    return stuck;
  }

  /** A few lines per change, for failure messages: the last `max` changes of the targeted works. */
  excerpt(target?: WorkTarget, max = 30): string {
    const changes = this.changes(target);
    const shown = changes.slice(-max);
    const lines = shown.map((e) => formatEntry(e, this.startTime));
    if (changes.length > shown.length)
      lines.unshift(`  ... ${changes.length - shown.length} earlier changes`);
    return lines.join('\n');
  }

  /** Sub-spans of [from, to) where the conditions meet the entry's constraints and the process is up. */
  private runnableSpans(e: TraceEntry, from: number, to: number): [number, number][] {
    const spans: [number, number][] = [];
    for (let i = 0; i < this.conditions.length; i++) {
      const c = this.conditions[i]!;
      const a = Math.max(from, c.time);
      const b = Math.min(to, this.conditions[i + 1]?.time ?? Infinity);
      if (a < b && constraintsMet(e.constraints, c)) spans.push([a, b]);
    }
    return spans.flatMap((span) => subtract(span, this.downtimes));
  }
}

function matches(e: TraceEntry, target: WorkTarget): boolean {
  if ('id' in target) return e.id === target.id;
  if ('tag' in target) return e.tags.includes(target.tag);
  if ('uniqueName' in target) return e.uniqueName === target.uniqueName;
  return e.workerName === target.worker;
}

function inWindow(time: number, window: TimeWindow): boolean {
  return time >= (window.from ?? -Infinity) && time < (window.to ?? Infinity);
}

function mergeSpans(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

function subtract(span: [number, number], holes: readonly Downtime[]): [number, number][] {
  let pieces: [number, number][] = [span];
  for (const hole of holes) {
    pieces = pieces.flatMap(([a, b]): [number, number][] => {
      if (hole.to <= a || hole.from >= b) return [[a, b]];
      const out: [number, number][] = [];
      if (a < hole.from) out.push([a, hole.from]);
      if (hole.to < b) out.push([hole.to, b]);
      return out;
    });
  }
  return pieces;
}

/** One change as a line, times relative to `origin`: `+1h02m  w3  ENQUEUED -> RUNNING  attempt 2`. */
export function formatEntry(e: TraceEntry, origin = 0): string {
  const from = e.from ?? '(new)';
  const to = e.to ?? '(deleted)';
  const parts = [`+${formatTime(e.time - origin)}`.padEnd(12), e.id.padEnd(10), `${from} -> ${to}`];
  if (e.to === 'RUNNING' || e.runAttemptCount > 0) parts.push(`attempt ${e.runAttemptCount}`);
  if (e.periodic) parts.push(`period ${e.periodCount}`);
  if (e.generation > 0) parts.push(`gen ${e.generation}`);
  if (e.stopReason !== -256) parts.push(`stopReason ${e.stopReason}`);
  if (e.to === 'ENQUEUED' && Number.isFinite(e.nextRunAt))
    parts.push(`next +${formatTime(e.nextRunAt - origin)}`);
  if (Object.keys(e.output).length > 0) parts.push(`output ${JSON.stringify(e.output)}`);
  if (Object.keys(e.progress).length > 0) parts.push(`progress ${JSON.stringify(e.progress)}`);
  if (e.incarnation > 0) parts.push(`(after crash ${e.incarnation})`);
  return `  ${parts.join('  ')}`;
}

/** Virtual ms as `2d03h04m05.006s`, dropping leading zero units. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const d = Math.floor(rest / 86_400_000);
  rest -= d * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  let out = '';
  if (d > 0) out += `${d}d`;
  if (d > 0 || h > 0) out += `${String(h).padStart(out ? 2 : 1, '0')}h`;
  if (out || m > 0) out += `${String(m).padStart(out ? 2 : 1, '0')}m`;
  if (s > 0 || !out) out += `${s}s`;
  return sign + out;
}
