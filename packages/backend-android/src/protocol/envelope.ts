import type { BridgeErrorCode } from './bridge-error-code.js';
import type { BridgeEvent } from './bridge-events.js';
import type { BridgeMethod } from './bridge-methods.js';

/** A call, JS → native. `id` pairs it with its response. */
export interface RequestEnvelope {
  readonly v: number;
  readonly id: number;
  readonly method: BridgeMethod;
  readonly params: unknown;
}

/** The error half of a response. */
export interface WireError {
  readonly code: BridgeErrorCode;
  readonly message: string;
  /** `workErrorCode` names the engine code to raise when it is finer than `code`. */
  readonly details?: { readonly workErrorCode?: string } & Record<string, unknown>;
}

/** A reply, native → JS. */
export type ResponseEnvelope =
  | { readonly v: number; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly v: number; readonly id: number; readonly ok: false; readonly error: WireError };

/** An event, native → JS; `seq` increases per native process so gaps are visible. */
export type EventEnvelope = { readonly v: number; readonly seq: number } & BridgeEvent;
