/**
 * Lays rows out as aligned columns for a terminal, as `list`, `stats` and `watch` print them.
 * Cells longer than `maxWidth` are cut with an ellipsis so one long tag cannot push the table
 * off screen (use `--json` for the full values).
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidth = 40,
): string {
  const cut = (cell: string): string => {
    const flat = [...cell].map((c) => (isControl(c) ? ' ' : c)).join('');
    return flat.length > maxWidth ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const cells = [headers, ...rows].map((row) => row.map(cut));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Control characters (escape sequences, newlines) would move the cursor or break rows. */
function isControl(character: string): boolean {
  const code = character.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
}
