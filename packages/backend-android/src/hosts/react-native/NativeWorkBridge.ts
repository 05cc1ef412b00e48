/**
 * The React Native TurboModule spec of the bridge, read by `@react-native/codegen` (the file
 * name must start with `Native`). Strings only: the JSON protocol is the contract.
 */
import type { CodegenTypes, TurboModule } from 'react-native';
import { TurboModuleRegistry } from 'react-native';

export interface Spec extends TurboModule {
  /** Sends one request envelope; resolves with the response envelope. */
  invoke(requestJson: string): Promise<string>;
  /** Event envelopes, native → JS. */
  readonly onEvent: CodegenTypes.EventEmitter<string>;
}

export default TurboModuleRegistry.getEnforcing<Spec>('WorkBridge');
