/// <reference path="./work-bridge-facade.d.ts" />
import type { NativeScriptFacade } from './nativescript-transport.js';

/**
 * The NativeScript-only half: wraps the generated bindings of the Kotlin `WorkBridgeFacade`.
 * Type-checked against `@nativescript/types-android` (see test/native/host-checks.test.ts); pass
 * the application context, e.g. `Utils.android.getApplicationContext()` from @nativescript/core.
 */
export function nativeScriptFacade(context: globalAndroid.content.Context): NativeScriptFacade {
  const Facade = dev.workmanagerts.android.nativescript.WorkBridgeFacade;
  return {
    install(sink) {
      Facade.install(
        context,
        new Facade.EventSink({ onEvent: (eventJson: string) => sink(eventJson) }),
      );
    },
    invoke(requestJson, reply) {
      Facade.invoke(
        context,
        requestJson,
        new Facade.ReplyCallback({ onReply: (responseJson: string) => reply(responseJson) }),
      );
    },
  };
}
