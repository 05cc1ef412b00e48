import type { BridgeTransport } from '../../bridge-transport.js';

/**
 * The shape of the `WorkBridge` Capacitor plugin, as `registerPlugin('WorkBridge')` from
 * `@capacitor/core` returns it (structural, so no Capacitor import is needed here).
 */
export interface WorkBridgeCapacitorPlugin {
  invoke(options: { requestJson: string }): Promise<{ responseJson: string }>;
  addListener(
    eventName: 'event',
    listener: (event: { eventJson: string }) => void,
  ): Promise<{ remove(): Promise<void> }>;
}

/**
 * The Capacitor {@link BridgeTransport}:
 * `createCapacitorTransport(registerPlugin<WorkBridgeCapacitorPlugin>('WorkBridge'))`. Runs are
 * dispatched as events while the WebView lives; with no WebView they fail with HOST_UNAVAILABLE
 * (see docs/hosts.md).
 */
export function createCapacitorTransport(plugin: WorkBridgeCapacitorPlugin): BridgeTransport {
  return {
    invoke: async (requestJson) => (await plugin.invoke({ requestJson })).responseJson,
    onEvent(listener) {
      const handle = plugin.addListener('event', (event) => listener(event.eventJson));
      return () => {
        void handle.then((h) => h.remove());
      };
    },
  };
}
