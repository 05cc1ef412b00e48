/** What enqueueing one-time work under a unique name does to work already there (spec §5.1). */
export type ExistingWorkPolicy = 'REPLACE' | 'KEEP' | 'APPEND' | 'APPEND_OR_REPLACE';

/** What enqueueing periodic work under a unique name does to work already there (spec §5.2). */
export type ExistingPeriodicWorkPolicy = 'KEEP' | 'REPLACE' | 'UPDATE' | 'CANCEL_AND_REENQUEUE';
