import { DateTime } from 'luxon';
import {
  type RequestSpec,
  requestsOf,
  type Scenario,
  type SimConditions,
  type SimEvent,
  type WorkerStep,
} from './scenario.js';
import { formatTime } from './trace.js';

/**
 * A scenario as numbered lines a person can replay in their head, with the ids `simulate`
 * gives unnamed requests (`w0`, `w1`, ... in order). Used for shrunk counterexamples.
 */
export function formatScenario(scenario: Scenario): string {
  let nextId = 0;
  const names = new Map<RequestSpec, string>();
  const name = (r: RequestSpec): string => names.get(r) ?? r.id ?? '?';
  const lines = [
    `start ${formatStart(scenario.start ?? 0)}${scenario.conditions ? `, conditions ${formatConditions(scenario.conditions)}` : ''}`,
  ];
  for (const [worker, script] of Object.entries(scenario.scripts ?? {})) {
    lines.push(`worker ${worker} script: ${script.map(formatStep).join(', ') || 'success'}`);
  }
  scenario.events.forEach((event, i) => {
    for (const r of requestsOf(event)) names.set(r, r.id ?? `w${nextId++}`);
    lines.push(`${String(i + 1).padStart(3)}. ${formatEvent(event, name)}`);
  });
  return lines.join('\n');
}

function formatEvent(event: SimEvent, name: (r: RequestSpec) => string): string {
  const level = (requests: readonly RequestSpec[]): string =>
    requests.map((r) => formatRequest(r, name(r))).join(' + ');
  switch (event.kind) {
    case 'enqueue':
      return `enqueue ${level(event.requests)}`;
    case 'chain':
      return `chain ${event.levels.map(level).join(' -> ')}`;
    case 'graph': {
      const names: string[] = [];
      const parts = event.nodes.map((n) => {
        const id = name(n.request);
        names.push(id);
        const after = n.after.map((p) => names[p] ?? `#${p}`);
        return `${formatRequest(n.request, id)}${after.length > 0 ? ` after ${after.join(', ')}` : ''}`;
      });
      return `graph { ${parts.join('; ')} }`;
    }
    case 'unique':
      return `unique "${event.name}" ${event.policy}: ${event.levels.map(level).join(' -> ')}`;
    case 'uniquePeriodic':
      return `unique periodic "${event.name}" ${event.policy}: ${formatRequest(event.request, name(event.request))}`;
    case 'update':
      return `update ${event.id} with ${formatRequest(event.request, event.id)}`;
    case 'cancel': {
      const t = event.target;
      const what =
        'id' in t
          ? `id ${t.id}`
          : 'tag' in t
            ? `tag "${t.tag}"`
            : 'uniqueName' in t
              ? `unique "${t.uniqueName}"`
              : 'all';
      return `cancel ${what}`;
    }
    case 'prune':
      return 'prune';
    case 'advance':
      return `advance ${formatTime(event.millis)}`;
    case 'conditions':
      return `conditions ${formatConditions(event.set)}`;
    case 'crash':
      return `CRASH, restart after ${formatTime(event.downtimeMillis)}`;
    case 'action':
      return `action ${event.name}`;
  }
}

/** `w3 one-time[a] (charging, CONNECTED) delay 1h script: retry, success 5m`. */
export function formatRequest(r: RequestSpec, id: string): string {
  const parts = [`${id} ${r.kind}`];
  if (r.worker && r.worker !== 'sim') parts[0] += ` ${r.worker}`;
  if (r.tags && r.tags.length > 0) parts[0] += `[${r.tags.join(',')}]`;
  if (r.kind === 'periodic') parts.push(`every ${formatTime(r.intervalMillis ?? 15 * 60_000)}`);
  if (r.flexMillis !== undefined) parts.push(`flex ${formatTime(r.flexMillis)}`);
  const c = r.constraints;
  if (c) {
    const needs = [
      c.requiredNetworkType && c.requiredNetworkType !== 'NOT_REQUIRED'
        ? c.requiredNetworkType
        : '',
      c.requiresCharging ? 'charging' : '',
      c.requiresBatteryNotLow ? 'batteryNotLow' : '',
      c.requiresDeviceIdle ? 'idle' : '',
      c.requiresStorageNotLow ? 'storageNotLow' : '',
    ].filter(Boolean);
    if (needs.length > 0) parts.push(`needs ${needs.join('+')}`);
  }
  if (r.initialDelayMillis) parts.push(`delay ${formatTime(r.initialDelayMillis)}`);
  if (r.backoff) parts.push(`backoff ${r.backoff.policy} ${formatTime(r.backoff.delayMillis)}`);
  if (r.input && Object.keys(r.input).length > 0) parts.push(`input ${JSON.stringify(r.input)}`);
  if (r.script && r.script.length > 0) parts.push(`script: ${r.script.map(formatStep).join(', ')}`);
  return `(${parts.join(' ')})`;
}

function formatStep(step: WorkerStep): string {
  let text: string = step.result;
  if (step.durationMillis === Infinity) text += ' hang';
  else if (step.durationMillis) text += ` ${formatTime(step.durationMillis)}`;
  if (step.progress && step.progress.length > 0) text += ` progress ${step.progress.join('/')}`;
  if (step.output && Object.keys(step.output).length > 0) text += ` ${JSON.stringify(step.output)}`;
  return text;
}

/** `0`, or an epoch time with its UTC reading: `1792731600000 (2026-10-23T05:00:00.000Z)`. */
function formatStart(start: number): string {
  return start === 0 ? '0' : `${start} (${DateTime.fromMillis(start, { zone: 'utc' }).toISO()})`;
}

function formatConditions(c: SimConditions): string {
  const parts: string[] = [];
  if (c.network) parts.push(`network ${c.network}`);
  for (const key of ['charging', 'batteryNotLow', 'deviceIdle', 'storageNotLow'] as const) {
    const value = c[key];
    if (value !== undefined) parts.push(value ? key : `not ${key}`);
  }
  return parts.join(', ') || 'unchanged';
}
