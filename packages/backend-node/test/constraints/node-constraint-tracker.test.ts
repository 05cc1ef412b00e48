import { join } from 'node:path';
import type { DeviceConditions, NetworkType } from '@workmanager-ts/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeConditionSources } from '../../src/constraints/node-constraint-tracker.js';
import { nodeConstraintTracker } from '../../src/constraints/node-constraint-tracker.js';
import type { PowerState } from '../../src/constraints/power-condition.js';

/** Sources whose values the test sets between polls. */
function settableSources(): NodeConditionSources & {
  set(values: Partial<DeviceConditions>): void;
  reads: number;
} {
  let conditions: DeviceConditions = {
    networkTypes: ['NOT_REQUIRED', 'CONNECTED'],
    charging: true,
    batteryNotLow: true,
    storageNotLow: true,
    deviceIdle: false,
  };
  const sources = {
    reads: 0,
    set(values: Partial<DeviceConditions>) {
      conditions = { ...conditions, ...values };
    },
    networkTypes: (): readonly NetworkType[] => [...conditions.networkTypes],
    power: (): PowerState => {
      sources.reads++;
      return { charging: conditions.charging, batteryNotLow: conditions.batteryNotLow };
    },
    storageNotLow: () => conditions.storageNotLow,
    deviceIdle: () => conditions.deviceIdle,
  };
  return sources;
}

const POLL = 1_000;

describe('nodeConstraintTracker', () => {
  // setInterval polling under fake timers: each advance by POLL is exactly one poll.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads every source at creation', () => {
    const sources = settableSources();
    sources.set({ charging: false, deviceIdle: true, networkTypes: ['NOT_REQUIRED'] });
    const tracker = nodeConstraintTracker({ sources, pollIntervalMillis: POLL });
    expect(tracker.current()).toEqual({
      networkTypes: ['NOT_REQUIRED'],
      charging: false,
      batteryNotLow: true,
      storageNotLow: true,
      deviceIdle: true,
    });
    tracker.close();
  });

  it('notifies subscribers only when a condition really changed', () => {
    const sources = settableSources();
    const tracker = nodeConstraintTracker({ sources, pollIntervalMillis: POLL });
    const seen: DeviceConditions[] = [];
    tracker.subscribe((c) => seen.push(c));

    vi.advanceTimersByTime(POLL); // nothing changed
    expect(sources.reads).toBe(2);
    expect(seen).toEqual([]);

    sources.set({ deviceIdle: true });
    vi.advanceTimersByTime(POLL);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.deviceIdle).toBe(true);
    expect(tracker.current()).toBe(seen[0]);

    vi.advanceTimersByTime(3 * POLL); // the same again, three times
    sources.set({ networkTypes: ['CONNECTED', 'NOT_REQUIRED'] }); // same set, other order
    vi.advanceTimersByTime(POLL);
    expect(sources.reads).toBe(7);
    expect(seen).toHaveLength(1);

    for (const change of [
      { charging: false },
      { batteryNotLow: false },
      { storageNotLow: false },
      { networkTypes: ['NOT_REQUIRED'] as NetworkType[] },
      { networkTypes: ['NOT_REQUIRED', 'METERED'] as NetworkType[] },
    ]) {
      sources.set(change);
      vi.advanceTimersByTime(POLL);
    }
    expect(seen).toHaveLength(6);
    expect(seen.at(-1)).toEqual({
      networkTypes: ['NOT_REQUIRED', 'METERED'],
      charging: false,
      batteryNotLow: false,
      storageNotLow: false,
      deviceIdle: true,
    });
    tracker.close();
  });

  it('unsubscribe stops one listener; close stops polling', () => {
    const sources = settableSources();
    const tracker = nodeConstraintTracker({ sources, pollIntervalMillis: POLL });
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribe = tracker.subscribe(first);
    tracker.subscribe(second);
    unsubscribe();
    sources.set({ charging: false });
    vi.advanceTimersByTime(POLL);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();

    tracker.close();
    const reads = sources.reads;
    sources.set({ charging: true });
    vi.advanceTimersByTime(10 * POLL);
    expect(sources.reads).toBe(reads);
    expect(second).toHaveBeenCalledOnce();
    expect(tracker.current().charging).toBe(false);
  });

  it('polls every 10 s by default', () => {
    const sources = settableSources();
    const tracker = nodeConstraintTracker({ sources });
    vi.advanceTimersByTime(9_999);
    expect(sources.reads).toBe(1);
    vi.advanceTimersByTime(1);
    expect(sources.reads).toBe(2);
    tracker.close();
  });

  it('a source that throws during a poll keeps the last conditions and does not crash the process', () => {
    const sources = settableSources();
    let failing = false;
    const tracker = nodeConstraintTracker({
      sources: {
        ...sources,
        storageNotLow: () => {
          if (failing) throw new Error('ENOENT: the storage path was removed');
          return true;
        },
      },
      pollIntervalMillis: POLL,
    });
    const listener = vi.fn();
    tracker.subscribe(listener);
    failing = true;
    sources.set({ charging: false });
    expect(() => vi.advanceTimersByTime(POLL)).not.toThrow();
    expect(tracker.current().charging).toBe(true);
    expect(listener).not.toHaveBeenCalled();
    failing = false;
    vi.advanceTimersByTime(POLL);
    expect(tracker.current().charging).toBe(false);
    expect(listener).toHaveBeenCalledOnce();
    tracker.close();
  });

  it('reads the OS for sources not given: this host gives a well-formed answer', () => {
    const tracker = nodeConstraintTracker({ pollIntervalMillis: POLL });
    const now = tracker.current();
    expect(now.networkTypes).toContain('NOT_REQUIRED');
    for (const key of ['charging', 'batteryNotLow', 'storageNotLow', 'deviceIdle'] as const) {
      expect(typeof now[key]).toBe('boolean');
    }
    tracker.close();
  });

  it('checks storage on storagePath (a missing path fails at creation)', () => {
    expect(() =>
      nodeConstraintTracker({ storagePath: join('/', 'wm-no-such-folder', 'x') }),
    ).toThrow(/ENOENT/);
  });
});
