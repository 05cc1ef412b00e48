import { WorkError } from '../model/work-error.js';
import type { WorkInfo } from '../model/work-info.js';
import { workInfoEquals } from '../model/work-info.js';
import type { WorkRequest } from '../model/work-request.js';
import type { WorkRequests } from './work-manager.js';

/**
 * The checks every `WorkManager` implementation applies to its arguments before anything is
 * stored or sent, shared so that the core engine and the Android bridge refuse the same calls
 * with the same codes.
 */

/** Turns `WorkRequests` into a list, refusing anything not built by the request builders. */
export function toRequestList(requests: WorkRequests, where: string): readonly WorkRequest[] {
  const list = Array.isArray(requests) ? requests : [requests as WorkRequest];
  for (const request of list) {
    if (request?.kind !== 'one-time' && request?.kind !== 'periodic') {
      throw new WorkError(
        'INVALID_REQUEST',
        `${where} takes requests built with OneTimeWorkRequest.from or PeriodicWorkRequest.from.`,
      );
    }
  }
  return list;
}

/** Refuses an empty request list (androidx throws for enqueue, beginWith, beginUniqueWork). */
export function requireRequests(
  list: readonly WorkRequest[],
  where: string,
): readonly WorkRequest[] {
  if (list.length === 0) {
    throw new WorkError('INVALID_REQUEST', `${where} needs at least one request.`);
  }
  return list;
}

/** Chains take one-time work only. */
export function assertChainable(requests: readonly WorkRequest[]): void {
  for (const request of requests) {
    if (request.kind !== 'one-time') {
      throw new WorkError(
        'INVALID_CONTINUATION',
        `Chains take one-time work only, but ${request.worker} (${request.id}) is periodic: enqueue periodic work on its own.`,
      );
    }
  }
}

/** A non-empty string argument (an id, tag or unique name). */
export function requireName(value: string, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new WorkError('INVALID_REQUEST', `${name} must be a non-empty string.`);
  }
  return value;
}

/** One of the allowed policy names. */
export function requirePolicy<P extends string>(policy: P, allowed: readonly P[]): P {
  if (!allowed.includes(policy)) {
    throw new WorkError(
      'INVALID_REQUEST',
      `Unknown policy ${String(policy)}: use one of ${allowed.join(', ')}.`,
    );
  }
  return policy;
}

/** Element-wise WorkInfo equality, for observables that emit distinct lists only. */
export function workInfoListsEqual(a: readonly WorkInfo[], b: readonly WorkInfo[]): boolean {
  return a.length === b.length && a.every((info, i) => workInfoEquals(info, b[i]!));
}
