import { isWorkError } from '@workmanager-ts/core';
import { type ExitCode, exitCodeFor } from './exit-codes.js';

/** Where commands write: stdout for data, stderr for errors and progress talk. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** The process's own streams. */
export const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Prints data as JSON for `--json` (Infinity and Data are already plain in the views). */
export function printJson(output: CliOutput, value: unknown): void {
  output.out(JSON.stringify(value, null, 2));
}

/**
 * Writes a failed command's error to stderr — `workmanager: WORK_NOT_FOUND: <what to do>`, or
 * `{"error":{"code","message"}}` with `--json` — and returns the documented exit code.
 */
export function reportError(output: CliOutput, error: unknown, json: boolean): ExitCode {
  const code = isWorkError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  if (json) output.err(JSON.stringify({ error: { code, message } }));
  else output.err(`workmanager: ${code}: ${message}`);
  if (!isWorkError(error) && error instanceof Error && process.env.WORKMANAGER_DEBUG) {
    output.err(error.stack ?? '');
  }
  return exitCodeFor(error);
}
