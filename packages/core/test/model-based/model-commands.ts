import { fc } from '@fast-check/vitest';
import type { OneTimePolicy, PeriodicPolicy, ReleaseStep, Step } from './reference-model.js';

/**
 * The commands of the model-based engine test, as plain records fast-check generates and
 * shrinks. Ids are not generated: the runner hands out `w0`, `w1`, ... as works are built, and
 * commands that address an existing work carry a number that picks one of the known ids.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The request parameters a command carries (its id is assigned when it runs). */
export interface WorkShape {
  readonly script: readonly Step[];
  readonly initialDelay: number;
  readonly backoffPolicy: 'LINEAR' | 'EXPONENTIAL';
  readonly backoffDelay: number;
  /** An extra tag besides the worker's and the shared `mb` tag. */
  readonly tag: string;
}

export interface PeriodicShape extends WorkShape {
  readonly interval: number;
}

export type Command =
  | { readonly kind: 'enqueue'; readonly work: WorkShape }
  | { readonly kind: 'enqueuePeriodic'; readonly work: PeriodicShape }
  | { readonly kind: 'chain'; readonly works: readonly WorkShape[] }
  | {
      readonly kind: 'unique';
      readonly name: string;
      readonly policy: OneTimePolicy;
      readonly works: readonly WorkShape[];
    }
  | {
      readonly kind: 'uniquePeriodic';
      readonly name: string;
      readonly policy: PeriodicPolicy;
      readonly work: PeriodicShape;
    }
  | { readonly kind: 'cancelId'; readonly pick: number }
  | { readonly kind: 'cancelTag'; readonly tag: string }
  | { readonly kind: 'cancelName'; readonly name: string }
  | { readonly kind: 'cancelAll' }
  | { readonly kind: 'update'; readonly pick: number; readonly work: PeriodicShape }
  | { readonly kind: 'prune' }
  | { readonly kind: 'advance'; readonly millis: number }
  | { readonly kind: 'release'; readonly pick: number; readonly step: ReleaseStep }
  | { readonly kind: 'stop'; readonly pick: number; readonly reason: number };

export const TAGS = ['t1', 't2'] as const;
export const NAMES = ['n1', 'n2', 'n3'] as const;

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>('success') },
  { weight: 1, arbitrary: fc.constant<Step>('failure') },
  { weight: 2, arbitrary: fc.constant<Step>('retry') },
  { weight: 1, arbitrary: fc.constant<Step>('throw') },
  { weight: 2, arbitrary: fc.constant<Step>('hang') },
);

const workShape: fc.Arbitrary<WorkShape> = fc.record({
  script: fc.array(step, { maxLength: 3 }),
  initialDelay: fc.constantFrom(0, 0, MINUTE, 10 * MINUTE, 2 * HOUR),
  backoffPolicy: fc.constantFrom('LINEAR' as const, 'EXPONENTIAL' as const),
  backoffDelay: fc.constantFrom(10_000, 30_000),
  tag: fc.constantFrom(...TAGS),
});

const periodicShape: fc.Arbitrary<PeriodicShape> = fc
  .tuple(workShape, fc.constantFrom(15 * MINUTE, HOUR, 6 * HOUR))
  .map(([shape, interval]) => ({ ...shape, interval }));

const name = fc.constantFrom(...NAMES);
const pick = fc.nat({ max: 1_000 });

/** One command, weighted towards enqueues and time passing. */
export const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('enqueue' as const), work: workShape }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('enqueuePeriodic' as const), work: periodicShape }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('chain' as const),
      works: fc.array(workShape, { minLength: 2, maxLength: 3 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('unique' as const),
      name,
      policy: fc.constantFrom<OneTimePolicy>('REPLACE', 'KEEP', 'APPEND', 'APPEND_OR_REPLACE'),
      works: fc.array(workShape, { minLength: 1, maxLength: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('uniquePeriodic' as const),
      name,
      policy: fc.constantFrom<PeriodicPolicy>('KEEP', 'REPLACE', 'CANCEL_AND_REENQUEUE', 'UPDATE'),
      work: periodicShape,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelId' as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('cancelTag' as const),
      tag: fc.constantFrom(...TAGS, 'mb'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelName' as const), name }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancelAll' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('update' as const), pick, work: periodicShape }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'prune' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      millis: fc.constantFrom(
        1_000,
        10_000,
        30_000,
        MINUTE,
        10 * MINUTE,
        HOUR,
        5 * HOUR,
        24 * HOUR,
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('release' as const),
      pick,
      step: fc.constantFrom<ReleaseStep>('success', 'failure', 'retry', 'throw'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('stop' as const),
      pick,
      reason: fc.constantFrom(2, 6, 14),
    }),
  },
);
