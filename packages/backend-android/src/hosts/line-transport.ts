import { WorkError } from '@workmanager-ts/core';
import type { BridgeTransport } from '../bridge-transport.js';

/**
 * A {@link BridgeTransport} over a stream of JSON lines (NDJSON), as the stdio harness uses:
 * requests go out as lines, responses are matched by envelope `id`, every other line is an
 * event. Host-neutral: the caller wires `writeLine` and feeds received lines to `receiveLine`
 * (e.g. from a child process's stdout), so this file needs no Node module.
 */
export class LineTransport implements BridgeTransport {
  private readonly pending = new Map<number, (json: string) => void>();
  private readonly listeners = new Set<(json: string) => void>();

  constructor(private readonly writeLine: (line: string) => void) {}

  invoke(requestJson: string): Promise<string> {
    const { id } = JSON.parse(requestJson) as { id: number };
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.writeLine(requestJson);
    });
  }

  onEvent(listener: (eventJson: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Feeds one received line: a response (has `ok`) settles its call, anything else is an event. */
  receiveLine(line: string): void {
    if (line.trim() === '') return;
    let parsed: { id?: unknown; ok?: unknown };
    try {
      parsed = JSON.parse(line) as { id?: unknown; ok?: unknown };
    } catch {
      for (const listener of this.listeners) listener(line);
      return;
    }
    if (typeof parsed.ok === 'boolean' && typeof parsed.id === 'number') {
      const resolve = this.pending.get(parsed.id);
      this.pending.delete(parsed.id);
      resolve?.(line);
      return;
    }
    for (const listener of [...this.listeners]) listener(line);
  }

  /** Fails every pending call, e.g. when the peer process exited. */
  failPending(reason: string): void {
    const error = new WorkError('BRIDGE_FAILURE', reason);
    for (const [id] of this.pending) {
      this.pending.get(id)?.(
        JSON.stringify({
          v: 1,
          id,
          ok: false,
          error: { code: 'INTERNAL', message: error.message },
        }),
      );
    }
    this.pending.clear();
  }
}
