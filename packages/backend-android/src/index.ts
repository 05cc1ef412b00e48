/**
 * @workmanager-ts/backend-android — the workmanager-ts API on real androidx.work, through a
 * versioned JSON bridge shared by React Native, NativeScript and Capacitor
 * (spec/android-bridge.md).
 */

export { AndroidWorkContinuation } from './android-work-continuation.js';
export {
  type AndroidWorkManager,
  type CreateAndroidWorkManagerOptions,
  createAndroidWorkManager,
} from './android-work-manager.js';
export { BridgeClient, type BridgeSession } from './bridge-client.js';
export type { BridgeTransport } from './bridge-transport.js';
export {
  createCapacitorTransport,
  type WorkBridgeCapacitorPlugin,
} from './hosts/capacitor/capacitor-transport.js';
export { LineTransport } from './hosts/line-transport.js';
export {
  createNativeScriptTransport,
  type NativeScriptFacade,
} from './hosts/nativescript/nativescript-transport.js';
export {
  createReactNativeTransport,
  type WorkBridgeTurboModule,
} from './hosts/react-native/react-native-transport.js';
export {
  HEADLESS_TASK_KEY,
  type HeadlessTaskRegistry,
  registerWorkBridgeHeadlessTask,
} from './hosts/react-native/register-headless-task.js';
export { toWorkError } from './protocol/bridge-error.js';
export { BRIDGE_ERROR_CODES, type BridgeErrorCode } from './protocol/bridge-error-code.js';
export type { BridgeEvent, BridgeEventType, RunRequest } from './protocol/bridge-events.js';
export {
  BRIDGE_METHODS,
  type BridgeMethod,
  type BridgeMethods,
  type WireContinuationLevel,
  type WireOutcome,
} from './protocol/bridge-methods.js';
export type {
  EventEnvelope,
  RequestEnvelope,
  ResponseEnvelope,
  WireError,
} from './protocol/envelope.js';
export { PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './protocol/protocol-version.js';
export { encodeWorkRequest } from './protocol/request-codec.js';
export { ReservedNames } from './protocol/reserved-names.js';
export { decodeWireData, encodeWireData, type WireData } from './protocol/wire-data.js';
export type { WireWorkInfo } from './protocol/wire-work-info.js';
export type { WireWorkQuery } from './protocol/wire-work-query.js';
export type { WireConstraints, WireWorkRequest } from './protocol/wire-work-request.js';
export { decodeWorkInfo } from './protocol/work-info-codec.js';
export { type AndroidTestKit, createAndroidTestKit } from './testing/android-test-kit.js';
export {
  DEVICE_SCENARIO_WORKERS,
  DEVICE_SCENARIOS,
  type DeviceScenario,
  runDeviceScenarios,
} from './testing/device-scenarios.js';
export { type RunChannel, WorkerRuntime } from './worker-runtime.js';
