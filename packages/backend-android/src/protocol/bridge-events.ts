import type { WireData } from './wire-data.js';
import type { WireWorkInfo } from './wire-work-info.js';

/**
 * A run the native `JsWorker` asks JS to perform. In React Native the same JSON is the
 * headless task's data; elsewhere it arrives as a `runRequested` event.
 */
export interface RunRequest {
  readonly runId: string;
  readonly workId: string;
  readonly workerName: string;
  readonly inputData: WireData;
  readonly tags: readonly string[];
  readonly runAttemptCount: number;
  readonly generation: number;
}

/**
 * Every event of protocol v1, native → JS (android-bridge.md §4.4 "Events"), without the
 * envelope fields `v` and `seq`.
 */
export type BridgeEvent =
  | {
      readonly type: 'workInfos';
      readonly subscriptionId: string;
      readonly infos: readonly WireWorkInfo[];
    }
  | ({ readonly type: 'runRequested' } & RunRequest)
  | { readonly type: 'runStopped'; readonly runId: string; readonly stopReason: number }
  | { readonly type: 'sessionReset' };

/** An event type name. */
export type BridgeEventType = BridgeEvent['type'];
