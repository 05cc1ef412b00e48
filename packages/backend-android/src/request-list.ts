import { WorkError, type WorkRequest, type WorkRequests } from '@workmanager-ts/core';

/** What the WorkManager methods accept: one request or several. */
export type WorkRequestsInput = WorkRequests;

/**
 * Turns `WorkRequests` into a list, refusing anything not built by core's request builders, so
 * that only validated, normalised requests reach the wire.
 *
 * @throws WorkError `INVALID_REQUEST` for anything else.
 */
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
