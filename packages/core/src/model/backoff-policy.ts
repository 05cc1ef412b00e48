/** How the delay between retries grows (spec §4.2). Default: EXPONENTIAL. */
export type BackoffPolicy = 'EXPONENTIAL' | 'LINEAR';
