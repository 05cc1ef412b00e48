import { type CliOutput, printJson } from '../cli-output.js';
import { WorkConsole } from '../work-console.js';

/** `prune`: deletes finished work that no unfinished work depends on (spec §11). */
export async function pruneCommand(
  options: { readonly db: string; readonly json?: boolean },
  output: CliOutput,
): Promise<void> {
  const pruned = await WorkConsole.use({ filename: options.db, mustExist: true }, (work) =>
    work.prune(),
  );
  if (options.json) printJson(output, { pruned });
  else output.out(`pruned ${pruned.length} finished ${pruned.length === 1 ? 'work' : 'works'}`);
}
