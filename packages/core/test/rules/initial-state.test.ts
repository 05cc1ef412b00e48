import { describe, expect, it } from 'vitest';
import { initialStateFor, newWorkPatch } from '../../src/rules/initial-state.js';
import { workSpec } from './fixtures.js';

const NOW = 1_000_000;

describe('initialStateFor (spec §3.1)', () => {
  it('ENQUEUED without prerequisites or when all SUCCEEDED', () => {
    expect(initialStateFor([])).toBe('ENQUEUED');
    expect(initialStateFor(['SUCCEEDED', 'SUCCEEDED'])).toBe('ENQUEUED');
  });

  it('UQ-09 BLOCKED while a prerequisite is unfinished', () => {
    expect(initialStateFor(['ENQUEUED'])).toBe('BLOCKED');
    expect(initialStateFor(['SUCCEEDED', 'RUNNING'])).toBe('BLOCKED');
    expect(initialStateFor(['BLOCKED'])).toBe('BLOCKED');
  });

  it('CH-05 CANCELLED when a prerequisite is CANCELLED', () => {
    expect(initialStateFor(['CANCELLED'])).toBe('CANCELLED');
    expect(initialStateFor(['ENQUEUED', 'CANCELLED'])).toBe('CANCELLED');
  });

  it('FAILED beats CANCELLED', () => {
    expect(initialStateFor(['CANCELLED', 'FAILED', 'ENQUEUED'])).toBe('FAILED');
  });
});

describe('newWorkPatch', () => {
  it('CH-03 a SUCCEEDED prerequisite enqueues at once, its clock starting now', () => {
    const spec = newWorkPatch(workSpec({ initialDelay: 5_000 }), ['SUCCEEDED'], NOW);
    expect(spec.state).toBe('ENQUEUED');
    expect(spec.lastEnqueueTime).toBe(NOW);
    expect(spec.nextRunAt).toBe(NOW + 5_000);
  });

  it('UQ-13 no prerequisites: ENQUEUED now', () => {
    const spec = newWorkPatch(workSpec({ state: 'BLOCKED', lastEnqueueTime: 7 }), [], NOW);
    expect(spec).toMatchObject({ state: 'ENQUEUED', lastEnqueueTime: NOW, nextRunAt: NOW });
  });

  it('CH-05 CANCELLED and BLOCKED work is never enqueued: lastEnqueueTime -1, nextRunAt Infinity', () => {
    for (const prerequisite of ['CANCELLED', 'ENQUEUED', 'FAILED'] as const) {
      const spec = newWorkPatch(workSpec({ lastEnqueueTime: 5 }), [prerequisite], NOW);
      expect(spec.lastEnqueueTime).toBe(-1);
      expect(spec.nextRunAt).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('keeps every other field of the template', () => {
    const template = workSpec({ id: 'x', tags: ['TestWorker', 't'], uniqueName: 'n' });
    const spec = newWorkPatch(template, [], NOW);
    expect({ ...spec, state: template.state, lastEnqueueTime: 0, nextRunAt: 0 }).toEqual(template);
  });
});
