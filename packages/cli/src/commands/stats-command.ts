import { WORK_STATES } from '@workmanager-ts/core';
import { type CliOutput, printJson } from '../cli-output.js';
import { renderTable } from '../text-table.js';
import { WorkConsole } from '../work-console.js';

/** `stats`: how many works are in each state. */
export async function statsCommand(
  options: { readonly db: string; readonly json?: boolean },
  output: CliOutput,
): Promise<void> {
  const stats = await WorkConsole.use({ filename: options.db, mustExist: true }, (work) =>
    work.stats(),
  );
  if (options.json) {
    printJson(output, stats);
    return;
  }
  const rows = WORK_STATES.map((state) => [state, String(stats.counts[state])]);
  output.out(renderTable(['STATE', 'WORKS'], [...rows, ['total', String(stats.total)]]));
}
