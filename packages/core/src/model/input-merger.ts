/**
 * Which merger turns a work's own input and its prerequisites' outputs into the input its
 * worker sees (spec §6.3). The rules live in `rules/input-merger.ts`.
 */
export type InputMerger = 'OVERWRITING' | 'ARRAY_CREATING';
