import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storageNotLow } from '../../src/constraints/storage-condition.js';

vi.mock('node:fs', async (importActual) => {
  const actual = await importActual<typeof import('node:fs')>();
  return { ...actual, statfsSync: vi.fn(actual.statfsSync) };
});

const GiB = 1024 ** 3;

/** Makes statfs report a disk of `totalBytes` with `freeBytes` available, in 4 KiB blocks. */
function fakeDisk(totalBytes: number, freeBytes: number): void {
  const bsize = 4096;
  vi.mocked(fs.statfsSync).mockReturnValue({
    bsize,
    blocks: totalBytes / bsize,
    bavail: freeBytes / bsize,
  } as unknown as ReturnType<typeof fs.statfsSync>);
}

describe('storageNotLow (statfs of a path)', () => {
  const path = tmpdir();
  afterEach(() => vi.mocked(fs.statfsSync).mockRestore());

  it.each([
    [100 * GiB, 9 * GiB, true, 'under 10 % but over 1 GiB free'],
    [2 * GiB, 0.5 * GiB, true, 'under 1 GiB but 25 % free'],
    [100 * GiB, 0.5 * GiB, false, 'under 1 GiB and under 10 % free'],
    [10 * GiB, 1 * GiB, true, 'exactly 10 % and exactly 1 GiB'],
  ])('defaults: %d bytes disk, %d free → %s (%s)', (total, free, expected) => {
    fakeDisk(total, free);
    expect(storageNotLow({ path })()).toBe(expected);
    expect(fs.statfsSync).toHaveBeenCalledWith(path);
  });

  it('thresholds are options', () => {
    fakeDisk(100 * GiB, 9 * GiB);
    expect(storageNotLow({ path, lowBelowBytes: 10 * GiB })()).toBe(false);
    expect(storageNotLow({ path, lowBelowBytes: 10 * GiB, lowBelowFraction: 0.05 })()).toBe(true);
  });

  it('reads the real filesystem of the path: trivially met and unreachable thresholds', () => {
    expect(storageNotLow({ path, lowBelowFraction: 0, lowBelowBytes: 0 })()).toBe(true);
    expect(storageNotLow({ path, lowBelowFraction: 2, lowBelowBytes: Infinity })()).toBe(false);
  });

  it('fails loudly for a path that does not exist', () => {
    expect(() => storageNotLow({ path: join(path, 'wm-no-such-folder', 'x') })()).toThrow(/ENOENT/);
  });
});
