// App code under test: a report every morning at 06:00 Paris time, whatever the DST.
import { OneTimeWorkRequest, Result, type Worker, type WorkManager } from '@workmanager-ts/core';
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Paris';
export const REPORT_HOUR = 6;

/** The next 06:00 in Paris strictly after `now` (epoch ms). */
export function nextReportTime(now: number): DateTime {
  let at = DateTime.fromMillis(now, { zone: ZONE }).set({
    hour: REPORT_HOUR,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  if (at.toMillis() <= now) at = at.plus({ days: 1 });
  return at;
}

export function reportRequest(now: number) {
  return OneTimeWorkRequest.from('daily-report', {
    tags: ['report'],
    initialDelay: nextReportTime(now).toMillis() - now,
  });
}

/** App start: schedule the next report unless one is pending. */
export async function scheduleDailyReport(wm: WorkManager, now: number): Promise<void> {
  await wm.enqueueUniqueWork('daily-report', 'KEEP', reportRequest(now));
}

/** Makes the report, then books the next one after itself (APPEND_OR_REPLACE). */
export function dailyReportWorker(deps: { now(): number; readonly wm: WorkManager }): Worker {
  return async () => {
    await deps.wm.enqueueUniqueWork('daily-report', 'APPEND_OR_REPLACE', reportRequest(deps.now()));
    return Result.success();
  };
}
