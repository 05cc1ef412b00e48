import { systemClock } from '@workmanager-ts/core';
import { type CliOutput, printJson } from '../cli-output.js';
import { WorkConsole } from '../work-console.js';
import { workDetailText } from '../work-text.js';

/** `show <id>`: one work's fields and the chain it belongs to. */
export async function showCommand(
  id: string,
  options: { readonly db: string; readonly json?: boolean },
  output: CliOutput,
): Promise<void> {
  const { work, chain } = await WorkConsole.use(
    { filename: options.db, mustExist: true },
    async (console) => ({ work: await console.get(id), chain: await console.chain(id) }),
  );
  if (options.json) printJson(output, { work, chain });
  else output.out(workDetailText(work, chain, systemClock.now()));
}
