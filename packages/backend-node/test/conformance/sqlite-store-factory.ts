import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type WorkStore } from '@workmanager-ts/core';
import { sqliteStore } from '../../src/index.js';

/** A fresh SQLite store on a real file in its own temporary folder, removed by `cleanup`. */
export async function sqliteStoreOnTempFile(): Promise<{
  store: WorkStore;
  cleanup: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'wm-conformance-'));
  const store = sqliteStore({ filename: join(dir, 'work.db'), logger: silentLogger });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
