/** What expedited work does when the OS refuses it quota (spec §14). */
export type OutOfQuotaPolicy = 'RUN_AS_NON_EXPEDITED_WORK_REQUEST' | 'DROP_WORK_REQUEST';
