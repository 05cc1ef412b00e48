import type { BridgeTransport } from '../../bridge-transport.js';

/**
 * What the NativeScript transport needs of the Kotlin `WorkBridgeFacade`; `nativeScriptFacade()`
 * in ./facade.ts builds it from the generated bindings (kept apart so this file type-checks
 * without NativeScript's global `android` / `dev` namespaces).
 */
export interface NativeScriptFacade {
  install(sink: (eventJson: string) => void): void;
  invoke(requestJson: string, reply: (responseJson: string) => void): void;
}

/**
 * The NativeScript {@link BridgeTransport}: direct calls into Kotlin; every callback arrives on
 * the main thread, where NativeScript runs JS. Create it at bundle top level.
 */
export function createNativeScriptTransport(facade: NativeScriptFacade): BridgeTransport {
  const listeners = new Set<(eventJson: string) => void>();
  facade.install((eventJson) => {
    for (const listener of [...listeners]) listener(eventJson);
  });
  return {
    invoke: (requestJson) => new Promise((resolve) => facade.invoke(requestJson, resolve)),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
