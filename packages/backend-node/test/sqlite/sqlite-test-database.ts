import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workSpecFixture } from '@workmanager-ts/core/testing';

/**
 * A throwaway folder for one test's database files (WAL needs a real file, so no `:memory:`).
 * Call `remove()` in afterEach.
 */
export function sqliteTestFolder(): { readonly file: (name?: string) => string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wm-sqlite-test-'));
  return {
    file: (name = 'work.db') => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A plain ENQUEUED one-time work due at 0, androidx defaults otherwise. */
export const testWorkSpec = workSpecFixture;
