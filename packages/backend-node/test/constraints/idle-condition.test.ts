import * as os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceIdle } from '../../src/constraints/idle-condition.js';

vi.mock('node:os', async (importActual) => {
  const actual = await importActual<typeof import('node:os')>();
  return {
    ...actual,
    loadavg: vi.fn(actual.loadavg),
    availableParallelism: vi.fn(actual.availableParallelism),
  };
});

function fakeLoad(oneMinute: number, cores: number): void {
  vi.mocked(os.loadavg).mockReturnValue([oneMinute, 0, 0]);
  vi.mocked(os.availableParallelism).mockReturnValue(cores);
}

describe('deviceIdle (one-minute load per core)', () => {
  afterEach(() => {
    vi.mocked(os.loadavg).mockRestore();
    vi.mocked(os.availableParallelism).mockRestore();
  });

  it('default threshold 0.3 per core, strictly below', () => {
    fakeLoad(0.5, 2); // 0.25 per core
    expect(deviceIdle()()).toBe(true);
    fakeLoad(1.2, 4); // 0.3 per core
    expect(deviceIdle()()).toBe(false);
    fakeLoad(3, 2);
    expect(deviceIdle()()).toBe(false);
  });

  it('an injected threshold', () => {
    fakeLoad(1, 2); // 0.5 per core
    expect(deviceIdle({ belowLoadPerCore: 0.6 })()).toBe(true);
    expect(deviceIdle({ belowLoadPerCore: 0.5 })()).toBe(false);
  });

  it('reads the load on every call', () => {
    const idle = deviceIdle({ belowLoadPerCore: 0.5 });
    fakeLoad(0, 1);
    expect(idle()).toBe(true);
    fakeLoad(4, 1);
    expect(idle()).toBe(false);
  });

  it('on this host: threshold 0 is never idle, an infinite one always', () => {
    expect(deviceIdle({ belowLoadPerCore: 0 })()).toBe(false);
    expect(deviceIdle({ belowLoadPerCore: Number.POSITIVE_INFINITY })()).toBe(true);
  });
});
