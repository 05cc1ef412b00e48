import { WorkError } from '@workmanager-ts/core';

const UNIT_MILLIS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Reads a duration typed on the command line — `250ms`, `10s`, `15m`, `1h30m`, `2d`, or a
 * bare number of milliseconds — so that `--delay`, `--periodic`, `--flex` and `--grace` all
 * accept the same spelling.
 *
 * @throws WorkError `INVALID_REQUEST` naming the option when the text is not a duration.
 */
export function parseDurationArgument(text: string, option: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed !== trimmed) {
    throw new WorkError(
      'INVALID_REQUEST',
      `${option} must be a duration such as 250ms, 10s, 15m, 1h30m or 2d, got "${text}".`,
    );
  }
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MILLIS[p[2]!]!, 0));
}

/** Writes a span of ms the way {@link parseDurationArgument} reads it: `1h30m`, `15m`, `250ms`. */
export function formatDuration(millis: number): string {
  if (!Number.isFinite(millis)) return 'never';
  if (millis < 1000) return `${Math.round(millis)}ms`;
  let rest = Math.round(millis / 1000);
  const parts: string[] = [];
  for (const [unit, seconds] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= seconds) {
      parts.push(`${Math.floor(rest / seconds)}${unit}`);
      rest %= seconds;
    }
  }
  return parts.join('');
}

/** An instant as ISO text plus how far away it is: `2026-01-01T10:00:00.000Z (in 5m)`. */
export function formatInstant(at: number | null, now: number): string {
  if (at === null) return '—';
  const delta = at - now;
  const when =
    Math.abs(delta) < 1000
      ? 'now'
      : delta > 0
        ? `in ${formatDuration(delta)}`
        : `${formatDuration(-delta)} ago`;
  return `${new Date(at).toISOString()} (${when})`;
}
