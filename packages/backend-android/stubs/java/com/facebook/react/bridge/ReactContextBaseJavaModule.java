// Compile-only stub of React Native 0.88.1 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.facebook.react.bridge;
public abstract class ReactContextBaseJavaModule implements NativeModule {
  protected CxxCallbackImpl mEventEmitterCallback;
  public ReactContextBaseJavaModule(ReactApplicationContext reactContext) {}
  public abstract String getName();
  public void invalidate() {}
  protected final ReactApplicationContext getReactApplicationContext() { throw new RuntimeException("stub"); }
}
