// Compile-only stub of React Native 0.88.1 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.facebook.react;
public abstract class BaseReactPackage implements ReactPackage {
  public abstract com.facebook.react.bridge.NativeModule getModule(String name, com.facebook.react.bridge.ReactApplicationContext reactContext);
  public abstract com.facebook.react.module.model.ReactModuleInfoProvider getReactModuleInfoProvider();
}
