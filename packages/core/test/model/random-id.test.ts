import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomWorkId } from '../../src/ports/random-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomWorkId', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('returns distinct v4 UUIDs from crypto.randomUUID', () => {
    const ids = new Set(Array.from({ length: 100 }, randomWorkId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('falls back to crypto.getRandomValues, setting the version and variant bits', () => {
    vi.stubGlobal('crypto', {
      getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff),
    });
    expect(randomWorkId()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    vi.stubGlobal('crypto', {
      getRandomValues: (bytes: Uint8Array) => bytes.fill(0x00),
    });
    expect(randomWorkId()).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('throws UNSUPPORTED_OPERATION telling the caller to pass an id when there is no crypto', () => {
    vi.stubGlobal('crypto', undefined);
    expect(() => randomWorkId()).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_OPERATION',
        message: expect.stringContaining('`id`'),
      }),
    );
  });
});
