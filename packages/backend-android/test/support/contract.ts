import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  OneTimeWorkRequest,
  PeriodicWorkRequest,
  silentLogger,
  type WorkInfo,
  type WorkRequest,
} from '@workmanager-ts/core';

/** Reads one file of `contract/`, the vectors shared with the Kotlin tests. */
export function readContract<T>(file: string): T {
  const url = new URL(`../../contract/${file}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as T;
}

/** An engine request as a vector describes it. */
export interface EngineRequest {
  kind: 'one-time' | 'periodic';
  worker: string;
  options: Record<string, unknown>;
}

/** Builds a vector's request with core's own builders (warnings silenced). */
export function buildRequest(spec: EngineRequest): WorkRequest {
  const context = { logger: silentLogger };
  return spec.kind === 'periodic'
    ? PeriodicWorkRequest.from(spec.worker, spec.options as never, context)
    : OneTimeWorkRequest.from(spec.worker, spec.options as never, context);
}

/** A WorkInfo as plain JSON: tags sorted, Data as objects, Infinity as the string "Infinity". */
export function workInfoToJson(info: WorkInfo): Record<string, unknown> {
  return {
    id: info.id,
    state: info.state,
    tags: [...info.tags].sort(),
    outputData: info.outputData.toObject(),
    progress: info.progress.toObject(),
    runAttemptCount: info.runAttemptCount,
    generation: info.generation,
    constraints: { ...info.constraints },
    initialDelayMillis: info.initialDelayMillis,
    periodicityInfo: info.periodicityInfo ? { ...info.periodicityInfo } : null,
    nextScheduleTimeMillis: Number.isFinite(info.nextScheduleTimeMillis)
      ? info.nextScheduleTimeMillis
      : 'Infinity',
    stopReason: info.stopReason,
  };
}

/** Replaces random continuation level ids by L0, L1, ... in order of first appearance. */
export function renameLevelIds(value: unknown): unknown {
  const names = new Map<string, string>();
  const name = (id: string): string => {
    if (!names.has(id)) names.set(id, `L${names.size}`);
    return names.get(id)!;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'levelId') out[k] = name(x as string);
      else if (k === 'parentLevelIds') out[k] = (x as string[]).map(name);
      else out[k] = walk(x);
    }
    return out;
  };
  return walk(value);
}
