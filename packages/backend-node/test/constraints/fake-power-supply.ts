// A fake /sys/class/power_supply folder for power-condition tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary power_supply root; `supply` writes one supply's attribute files. */
export function fakePowerSupply(): {
  readonly root: string;
  supply(name: string, files: Readonly<Record<string, string>>): void;
  remove(): void;
} {
  const root = mkdtempSync(join(tmpdir(), 'wm-power-supply-'));
  return {
    root,
    supply(name, files) {
      mkdirSync(join(root, name), { recursive: true });
      for (const [file, content] of Object.entries(files)) {
        // sysfs attributes end with a newline.
        writeFileSync(join(root, name, file), `${content}\n`);
      }
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
