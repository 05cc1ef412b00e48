/** The answer of `updateWork` (spec §8). */
export type UpdateResult = 'NOT_APPLIED' | 'APPLIED_IMMEDIATELY' | 'APPLIED_FOR_NEXT_RUN';
