import { consoleLogger, type Logger, WorkError } from '@workmanager-ts/core';
import type { BridgeTransport } from './bridge-transport.js';
import { toWorkError } from './protocol/bridge-error.js';
import type { BridgeEvent, BridgeEventType } from './protocol/bridge-events.js';
import type { BridgeMethod, BridgeMethods } from './protocol/bridge-methods.js';
import type { EventEnvelope, RequestEnvelope, ResponseEnvelope } from './protocol/envelope.js';
import { PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './protocol/protocol-version.js';

type EventOf<T extends BridgeEventType> = Extract<BridgeEvent, { type: T }>;

/** What `hello` told us about the device. */
export type BridgeSession = BridgeMethods['hello']['result'];

/**
 * The typed RPC layer over a {@link BridgeTransport}: wraps calls in protocol-v1 envelopes,
 * performs the `hello` handshake before the first call (and again after `sessionReset`), turns
 * error replies into `WorkError`s, and routes events by type. One per app runtime.
 */
export class BridgeClient {
  private nextId = 1;
  private lastSeq = 0;
  private session: Promise<BridgeSession> | null = null;
  private readonly listeners = new Map<BridgeEventType, Set<(event: BridgeEvent) => void>>();
  private readonly offTransport: () => void;

  constructor(
    private readonly transport: BridgeTransport,
    private readonly options: { workerNames: () => readonly string[]; logger?: Logger },
  ) {
    this.offTransport = transport.onEvent((json) => this.onEventJson(json));
  }

  /** Resolves once the native side accepted our protocol version (`hello`), once per session. */
  ready(): Promise<BridgeSession> {
    this.session ??= this.send('hello', {
      protocolVersions: SUPPORTED_PROTOCOL_VERSIONS,
      workerNames: this.options.workerNames(),
    }).then((session) => {
      if (session.protocolVersion !== PROTOCOL_VERSION) {
        throw new WorkError(
          'BRIDGE_FAILURE',
          `The native bridge chose protocol ${session.protocolVersion}, but this package speaks ${PROTOCOL_VERSION}; use matching releases of the JS package and the native module.`,
        );
      }
      return session;
    });
    this.session.catch(() => {
      this.session = null;
    });
    return this.session;
  }

  /** Calls a method after the handshake; rejects with a `WorkError` on an error reply. */
  async call<M extends Exclude<BridgeMethod, 'hello'>>(
    method: M,
    params: BridgeMethods[M]['params'],
  ): Promise<BridgeMethods[M]['result']> {
    await this.ready();
    return this.send(method, params);
  }

  /** Listens for one event type; returns the function that stops listening. */
  on<T extends BridgeEventType>(type: T, listener: (event: EventOf<T>) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    const wrapped = listener as (event: BridgeEvent) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Stops listening to the transport; pending calls still settle. */
  close(): void {
    this.offTransport();
    this.listeners.clear();
  }

  private async send<M extends BridgeMethod>(
    method: M,
    params: BridgeMethods[M]['params'],
  ): Promise<BridgeMethods[M]['result']> {
    const request: RequestEnvelope = { v: PROTOCOL_VERSION, id: this.nextId++, method, params };
    let replyJson: string;
    try {
      replyJson = await this.transport.invoke(JSON.stringify(request));
    } catch (cause) {
      throw new WorkError(
        'BRIDGE_FAILURE',
        `The native bridge failed to answer ${method}: ${String(cause)}; check that the native module is installed and linked.`,
        { cause },
      );
    }
    const reply = parse(replyJson, `the reply to ${method}`) as ResponseEnvelope;
    if (reply.v !== PROTOCOL_VERSION || reply.id !== request.id) {
      throw new WorkError(
        'BRIDGE_FAILURE',
        `The native bridge answered ${method} with protocol ${reply.v} / call ${reply.id} (expected ${PROTOCOL_VERSION} / ${request.id}); use matching releases of the JS package and the native module.`,
      );
    }
    if (!reply.ok) throw toWorkError(method, reply.error);
    return reply.result as BridgeMethods[M]['result'];
  }

  private onEventJson(json: string): void {
    let event: EventEnvelope;
    try {
      event = parse(json, 'an event') as EventEnvelope;
    } catch (error) {
      this.logger.error(String(error));
      return;
    }
    if (event.v !== PROTOCOL_VERSION) {
      this.logger.error(
        `Dropped a native event of protocol ${event.v}; this package speaks ${PROTOCOL_VERSION}.`,
      );
      return;
    }
    // A lower seq means a new native process (it counts from 1 again), not a loss.
    if (event.seq > this.lastSeq + 1 && this.lastSeq !== 0) {
      this.logger.warn(`Native events ${this.lastSeq + 1}..${event.seq - 1} were lost.`);
    }
    this.lastSeq = event.seq;
    if (event.type === 'sessionReset') this.session = null;
    for (const listener of [...(this.listeners.get(event.type) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`A listener for ${event.type} threw`, { error: String(error) });
      }
    }
  }

  private get logger(): Logger {
    return this.options.logger ?? consoleLogger;
  }
}

function parse(json: string, what: string): unknown {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null) return value;
  } catch {
    // reported below
  }
  throw new WorkError(
    'BRIDGE_FAILURE',
    `The native bridge sent ${what} that is not a JSON object: ${json.slice(0, 200)}`,
  );
}
