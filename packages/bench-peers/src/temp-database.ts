import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh SQLite file in its own temporary folder, so that every measurement starts empty. */
export function tempDatabase(prefix: string): { filename: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `wm-peers-${prefix}-`));
  return {
    filename: join(dir, 'bench.db'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
