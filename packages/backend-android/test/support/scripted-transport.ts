import type { BridgeTransport, RequestEnvelope } from '../../src/index.js';

/** A reply the script gives: a result, or an error code. */
export type ScriptedReply =
  | { result: unknown }
  | { error: { code: string; message?: string; details?: unknown } };

/**
 * An in-memory {@link BridgeTransport} for unit tests: records every request, answers `hello`
 * itself and every other call through `reply`, and lets the test push events.
 */
export class ScriptedTransport implements BridgeTransport {
  readonly requests: RequestEnvelope[] = [];
  private readonly listeners = new Set<(json: string) => void>();
  private seq = 0;
  helloResult: unknown = {
    protocolVersion: 1,
    sessionId: 's1',
    sdkInt: 34,
    capabilities: ['stopReason'],
  };

  constructor(public reply: (request: RequestEnvelope) => ScriptedReply = () => ({ result: {} })) {}

  async invoke(requestJson: string): Promise<string> {
    const request = JSON.parse(requestJson) as RequestEnvelope;
    this.requests.push(request);
    const answer = request.method === 'hello' ? { result: this.helloResult } : this.reply(request);
    return JSON.stringify(
      'result' in answer
        ? { v: 1, id: request.id, ok: true, result: answer.result }
        : { v: 1, id: request.id, ok: false, error: { message: 'scripted', ...answer.error } },
    );
  }

  onEvent(listener: (eventJson: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends an event with the envelope fields filled in. */
  emit(event: Record<string, unknown>): void {
    const json = JSON.stringify({ v: 1, seq: ++this.seq, ...event });
    for (const listener of [...this.listeners]) listener(json);
  }

  /** Requests other than `hello`. */
  calls(method?: string): RequestEnvelope[] {
    return this.requests.filter(
      (r) => r.method !== 'hello' && (method === undefined || r.method === method),
    );
  }
}

/** Resolves after pending microtasks and one macrotask turn, so chained promises settle. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
