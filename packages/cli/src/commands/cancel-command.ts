import { type CancelSelector, WorkError } from '@workmanager-ts/core';
import { type CliOutput, printJson } from '../cli-output.js';
import { WorkConsole } from '../work-console.js';

/** The options of `workmanager cancel`: exactly one selector. */
export interface CancelCommandOptions {
  readonly db: string;
  readonly id?: string;
  readonly tag?: string;
  readonly name?: string;
  readonly all?: boolean;
  readonly json?: boolean;
}

/** `cancel`: cancels unfinished works (and their dependents) by id, tag, unique name or all. */
export async function cancelCommand(
  options: CancelCommandOptions,
  output: CliOutput,
): Promise<void> {
  const selector = selectorOf(options);
  const cancelled = await WorkConsole.use({ filename: options.db, mustExist: true }, (work) =>
    work.cancel(selector),
  );
  if (options.json) {
    printJson(output, { cancelled });
    return;
  }
  output.out(`cancelled ${cancelled.length} ${cancelled.length === 1 ? 'work' : 'works'}`);
  for (const id of cancelled) output.out(`  ${id}`);
}

function selectorOf(options: CancelCommandOptions): CancelSelector {
  const given = [
    options.id !== undefined,
    options.tag !== undefined,
    options.name !== undefined,
    options.all === true,
  ].filter(Boolean).length;
  if (given !== 1) {
    throw new WorkError(
      'INVALID_REQUEST',
      'cancel takes exactly one of --id <id>, --tag <tag>, --name <unique name> or --all.',
    );
  }
  if (options.id !== undefined) return { id: options.id };
  if (options.tag !== undefined) return { tag: options.tag };
  if (options.name !== undefined) return { uniqueName: options.name };
  return { all: true };
}
