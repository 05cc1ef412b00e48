import type { BridgeTransport } from '../../bridge-transport.js';

/**
 * The shape of the `WorkBridge` TurboModule as generated from NativeWorkBridge.ts (structural, so
 * this file needs no `react-native` import and type-checks without it).
 */
export interface WorkBridgeTurboModule {
  invoke(requestJson: string): Promise<string>;
  onEvent(listener: (eventJson: string) => void): { remove(): void };
}

/**
 * The React Native {@link BridgeTransport}: pass the module from NativeWorkBridge.ts —
 * `createReactNativeTransport(NativeWorkBridge)`.
 */
export function createReactNativeTransport(module: WorkBridgeTurboModule): BridgeTransport {
  return {
    invoke: (requestJson) => module.invoke(requestJson),
    onEvent(listener) {
      const subscription = module.onEvent(listener);
      return () => subscription.remove();
    },
  };
}
