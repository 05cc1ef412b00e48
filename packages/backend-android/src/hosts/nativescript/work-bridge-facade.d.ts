/**
 * NativeScript typings of the Kotlin facade android/nativescript/.../WorkBridgeFacade.kt, written
 * by hand and checked against `javap -public` of the compiled class by
 * test/native/host-checks.test.ts.
 */
declare namespace dev.workmanagerts.android.nativescript {
  export class WorkBridgeFacade extends java.lang.Object {
    public static INSTANCE: dev.workmanagerts.android.nativescript.WorkBridgeFacade;
    public static install(
      context: globalAndroid.content.Context,
      sink: WorkBridgeFacade.EventSink,
    ): void;
    public static invoke(
      context: globalAndroid.content.Context,
      requestJson: string,
      callback: WorkBridgeFacade.ReplyCallback,
    ): void;
  }
  export namespace WorkBridgeFacade {
    export class EventSink extends java.lang.Object {
      public constructor(implementation: { onEvent(eventJson: string): void });
      public onEvent(eventJson: string): void;
    }
    export class ReplyCallback extends java.lang.Object {
      public constructor(implementation: { onReply(responseJson: string): void });
      public onReply(responseJson: string): void;
    }
  }
}
