import { CommanderError } from 'commander';
import { type CliOutput, processOutput, reportError } from './cli-output.js';
import { createCliProgram } from './cli-program.js';
import { ExitCode } from './exit-codes.js';

/**
 * Runs `workmanager` with the given arguments (without `node` and the script) and returns
 * the exit code; errors are reported on `output`'s stderr, never thrown. Tests call it in
 * process with a capturing output; the bin calls it with the process's streams.
 */
export async function runCli(
  args: readonly string[],
  output: CliOutput = processOutput,
): Promise<number> {
  const result = { exitCode: ExitCode.OK as number };
  const program = createCliProgram(output, result);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; usage errors were already printed.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    return reportError(output, error, args.includes('--json'));
  }
}
