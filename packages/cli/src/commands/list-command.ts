import { systemClock } from '@workmanager-ts/core';
import { type CliOutput, printJson } from '../cli-output.js';
import { WorkConsole } from '../work-console.js';
import { parseStates } from '../work-filter.js';
import { worksTable } from '../work-text.js';

/** The options of `workmanager list`. */
export interface ListCommandOptions {
  readonly db: string;
  readonly state: readonly string[];
  readonly tag?: string;
  readonly name?: string;
  readonly json?: boolean;
}

/** `list`: the works matching the filters, oldest first, as a table or JSON. */
export async function listCommand(options: ListCommandOptions, output: CliOutput): Promise<void> {
  const states = parseStates(options.state.flatMap((s) => s.split(',')));
  const works = await WorkConsole.use({ filename: options.db, mustExist: true }, (work) =>
    work.list({
      states,
      ...(options.tag ? { tag: options.tag } : {}),
      ...(options.name ? { name: options.name } : {}),
    }),
  );
  if (options.json) printJson(output, works);
  else if (works.length === 0) output.out('no work matches');
  else output.out(worksTable(works, systemClock.now()));
}
