import type { AndroidWorkManager } from '../../android-work-manager.js';
import type { RunRequest } from '../../protocol/bridge-events.js';

/** The headless task key the native `WorkBridgeReactHost` starts (its `TASK_KEY`). */
export const HEADLESS_TASK_KEY = 'WorkBridgeRun';

/** The part of React Native's `AppRegistry` this needs. */
export interface HeadlessTaskRegistry {
  registerHeadlessTask(taskKey: string, taskProvider: () => (data: unknown) => Promise<void>): void;
}

/**
 * Registers the headless task through which WorkManager runs JS workers when the app is in the
 * background or was never opened. Call it at module top level of the app's entry file (index.js),
 * next to `AppRegistry.registerComponent`: `registerWorkBridgeHeadlessTask(AppRegistry, wm)`.
 */
export function registerWorkBridgeHeadlessTask(
  registry: HeadlessTaskRegistry,
  wm: AndroidWorkManager,
): void {
  registry.registerHeadlessTask(HEADLESS_TASK_KEY, () => async (data) => {
    const { runRequestJson } = data as { runRequestJson: string };
    await wm.runHeadless(JSON.parse(runRequestJson) as RunRequest);
  });
}
