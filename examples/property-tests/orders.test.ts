// "After any crash every order is eventually processed" — on the memory store and on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteTransactionRunner } from '@workmanager-ts/backend-node';
import type { WorkManager } from '@workmanager-ts/core';
import {
  assertSchedulingProperty,
  environmentEventArbitrary,
  eventsArbitrary,
  type Scenario,
  type SimEvent,
  type SimulateOptions,
  type WorkerStep,
} from '@workmanager-ts/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { onAppStart, placeOrder } from './app/orders.js';
import { caught } from './caught.js';

const MINUTE = 60_000;

/** Processing an order takes a while and sometimes hits a transient error; it ends well. */
const processing = fc
  .array(
    fc.record({
      result: fc.constantFrom<WorkerStep['result']>('success', 'retry'),
      durationMillis: fc.constantFrom(0, MINUTE, 30 * MINUTE),
    }),
    { maxLength: 3 },
  )
  .map((steps): WorkerStep[] => [...steps, { result: 'success' }]);

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  scripts: fc.record({ 'process-order': processing }),
  events: eventsArbitrary(
    fc.oneof(
      fc.constant<SimEvent>({ kind: 'action', name: 'place-order' }),
      environmentEventArbitrary({ cancels: false }),
    ),
    { maxLength: 12 },
  ),
});

function everyOrderProcessed(
  start: (wm: WorkManager) => Promise<void>,
  store?: SimulateOptions['store'],
  numRuns = 100,
  seed?: number,
) {
  let orders = 0;
  return assertSchedulingProperty(
    scenarios,
    ({ trace }) => {
      const unprocessed = [...trace.finalStates({ tag: 'order' })].filter(
        ([, state]) => state !== 'SUCCEEDED',
      );
      expect(unprocessed, 'orders not processed a week later').toEqual([]);
      // No order sat due while the network was up and the app alive (beyond slots in use).
      expect(trace.longestRunnableWait({ tag: 'order' })).toBeNull();
    },
    {
      simulate: {
        onStart: ({ wm, incarnation }) => {
          if (incarnation === 0) orders = 0;
          return start(wm);
        },
        actions: { 'place-order': ({ wm }) => placeOrder(wm, `o${orders++}`) },
        drainMillis: 7 * 24 * 3_600_000,
        config: { maxConcurrency: 64 },
        ...(store ? { store } : {}),
      },
      params: { numRuns, ...(seed !== undefined ? { seed } : {}) },
    },
  );
}

describe('orders', () => {
  it('after any crash every order is eventually processed', async () => {
    await everyOrderProcessed(onAppStart);
  });

  describe('on the SQLite store the app ships', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wm-orders-'));
    let files = 0;
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('after any crash every order is eventually processed', async () => {
      const sqlite = () =>
        sqliteTransactionRunner({ filename: join(dir, `run-${files++}.db`), durability: 'normal' });
      await everyOrderProcessed(onAppStart, sqlite, 25);
    }, 60_000);
  });

  it('catches the broken variant (clearing "stale" orders at start) with a tiny scenario', async () => {
    const broken = (wm: WorkManager) => wm.cancelAllWorkByTag('order');
    const failure = await caught(everyOrderProcessed(broken, undefined, 100, 1));
    // One order still in progress when the app dies is enough.
    expect(failure.scenario.events.map((e) => e.kind)).toEqual(['action', 'crash']);
  });
});
