/**
 * The one thing a host must provide to reach the native bridge (android-bridge.md §2.5): move
 * JSON text both ways. React Native implements it with a TurboModule, Capacitor with
 * `registerPlugin`, NativeScript with direct calls into the Kotlin facade, tests with NDJSON
 * over a child process's stdio. Keeping it to strings keeps every host adapter trivial.
 */
export interface BridgeTransport {
  /** Sends one request envelope (JSON text); resolves with the response envelope (JSON text). */
  invoke(requestJson: string): Promise<string>;
  /** Registers a listener for event envelopes (JSON text); returns the function that removes it. */
  onEvent(listener: (eventJson: string) => void): () => void;
}
