/** A pending timer; cancelling twice or after it fired is harmless. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time and timers, injected so that the engine runs the same under the system clock, in a
 * React Native runtime, and under a virtual clock in tests. The core never reads the global
 * clock: everything goes through this port.
 */
export interface Clock {
  /** Epoch milliseconds. Never goes backwards for a given clock. */
  now(): number;
  /** Calls `callback` once, at or after epoch ms `at`. */
  setTimer(at: number, callback: () => void): TimerHandle;
}

/**
 * The real clock: `Date.now()` and `setTimeout`. Its timers keep a Node process alive, so a
 * service with work due later keeps running until `close()`.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, callback) {
    // setTimeout's delay is a 32-bit signed int: re-arm for anything further away.
    const MAX_DELAY = 2_147_483_647;
    let handle: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      const delay = Math.max(0, at - Date.now());
      handle = setTimeout(delay > MAX_DELAY ? arm : callback, Math.min(delay, MAX_DELAY));
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};
