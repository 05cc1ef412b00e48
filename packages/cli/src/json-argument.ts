import { type DataInput, WorkError } from '@workmanager-ts/core';

/**
 * Reads `--input` as a JSON object of Data values. The values themselves are checked when the
 * request is built (INVALID_DATA, DATA_TOO_LARGE); this only rejects text that is not an object.
 *
 * @throws WorkError `INVALID_REQUEST` for invalid JSON or JSON that is not an object.
 */
export function parseInputArgument(text: string): DataInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new WorkError(
      'INVALID_REQUEST',
      `--input is not valid JSON (${(cause as Error).message}); pass an object such as '{"url":"a.jpg"}'.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WorkError(
      'INVALID_REQUEST',
      `--input must be a JSON object such as '{"url":"a.jpg"}', got ${text}.`,
    );
  }
  return parsed as DataInput;
}
