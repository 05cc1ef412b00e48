import { WorkError } from '@workmanager-ts/core';
import { type CliOutput, printJson } from '../cli-output.js';
import { parseDurationArgument } from '../duration-text.js';
import { parseInputArgument } from '../json-argument.js';
import { type EnqueueOrder, WorkConsole } from '../work-console.js';

/** The options of `workmanager enqueue`, as commander parsed them. */
export interface EnqueueCommandOptions {
  readonly db: string;
  readonly input?: string;
  readonly delay?: string;
  readonly periodic?: string;
  readonly flex?: string;
  readonly unique?: string;
  readonly policy?: string;
  readonly tag: readonly string[];
  readonly then: readonly string[];
  readonly json?: boolean;
}

/** `enqueue <worker>`: stores one work, a periodic work or a chain, and prints what it stored. */
export async function enqueueCommand(
  worker: string,
  options: EnqueueCommandOptions,
  output: CliOutput,
): Promise<void> {
  if (options.flex !== undefined && options.periodic === undefined) {
    throw new WorkError('INVALID_REQUEST', '--flex needs --periodic <interval>.');
  }
  const order: EnqueueOrder = {
    worker,
    tags: options.tag,
    then: options.then,
    ...(options.input !== undefined ? { input: parseInputArgument(options.input) } : {}),
    ...(options.delay !== undefined
      ? { delayMillis: parseDurationArgument(options.delay, '--delay') }
      : {}),
    ...(options.periodic !== undefined
      ? {
          periodic: {
            intervalMillis: parseDurationArgument(options.periodic, '--periodic'),
            ...(options.flex !== undefined
              ? { flexMillis: parseDurationArgument(options.flex, '--flex') }
              : {}),
          },
        }
      : {}),
    ...(options.unique !== undefined || options.policy !== undefined
      ? {
          unique: {
            name: options.unique ?? '',
            ...(options.policy ? { policy: options.policy } : {}),
          },
        }
      : {}),
  };
  const works = await WorkConsole.use({ filename: options.db }, (work) => work.enqueue(order));
  if (options.json) {
    printJson(output, { enqueued: works });
    return;
  }
  if (works.length === 0) {
    output.out(`kept the existing unique work "${options.unique}": nothing enqueued`);
    return;
  }
  for (const w of works) output.out(`enqueued ${w.id}  ${w.worker}  ${w.state}`);
}
