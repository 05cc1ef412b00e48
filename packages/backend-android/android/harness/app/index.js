// Entry of the on-device conformance harness (a React Native 0.88 app; see
// packages/backend-android/docs/device-harness.md). Everything is registered at module top level,
// because WorkManager may start this bundle headless.
import {
  createAndroidTestKit,
  createAndroidWorkManager,
  createReactNativeTransport,
  DEVICE_SCENARIO_WORKERS,
  registerWorkBridgeHeadlessTask,
  runDeviceScenarios,
} from '@workmanager-ts/backend-android';
import NativeWorkBridge from '@workmanager-ts/backend-android/react-native-spec';
import { createElement } from 'react';
import { AppRegistry, Text } from 'react-native';

const wm = createAndroidWorkManager({
  transport: createReactNativeTransport(NativeWorkBridge),
  workers: DEVICE_SCENARIO_WORKERS,
});
registerWorkBridgeHeadlessTask(AppRegistry, wm);

// The instrumentation test (ConformanceTest.kt) waits for the closing line in logcat.
runDeviceScenarios(createAndroidTestKit(wm), (line) => console.log(line)).catch((error) =>
  console.log(`WMTS-CONFORMANCE 0 passed, 1 failed (${String(error)})`),
);

AppRegistry.registerComponent(
  'WmtsHarness',
  () => () => createElement(Text, null, 'workmanager-ts conformance harness'),
);
