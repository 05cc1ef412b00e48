import { type DurationInput, toMillis } from '../model/duration.js';
import { WorkError } from '../model/work-error.js';
import type { Clock, TimerHandle } from '../ports/clock.js';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * A virtual clock that never goes backwards. `advance` moves time forward timer by timer, in
 * due order, letting the engine settle after each, so that a test of hours of schedule runs in
 * milliseconds and sees every run at the virtual time it was due.
 */
export class TestClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Set<PendingTimer>();
  /** Set by the test kit: waits until the engine has nothing left to do at the current time. */
  settle: () => Promise<void> = () => Promise.resolve();

  constructor(start = 0) {
    if (!Number.isFinite(start))
      throw new WorkError('INVALID_REQUEST', 'TestClock needs a finite start time.');
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(at: number, callback: () => void): TimerHandle {
    const timer: PendingTimer = { at, seq: this.seq++, callback };
    this.timers.add(timer);
    return { cancel: () => void this.timers.delete(timer) };
  }

  /** How many timers are pending (for tests of the engine's own timers). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `duration`, firing every timer that falls due on the way. */
  async advance(duration: DurationInput): Promise<void> {
    await this.advanceTo(this.current + toMillis(duration, 'advance'));
  }

  /** Moves time forward to the epoch ms `target`; refuses to go backwards. */
  async advanceTo(target: number): Promise<void> {
    if (!(target >= this.current)) {
      throw new WorkError(
        'ILLEGAL_STATE',
        `TestClock cannot go backwards (from ${this.current} to ${target}).`,
      );
    }
    await this.settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.timers.delete(next);
      this.current = Math.max(this.current, next.at);
      next.callback();
      await this.settle();
    }
    this.current = target;
    await this.settle();
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
