// Compile-only stub of React Native 0.88.1 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.facebook.react.module.model;
public final class ReactModuleInfo {
  public ReactModuleInfo(String name, String className, boolean canOverrideExistingModule, boolean needsEagerInit, boolean isCxxModule, boolean isTurboModule) {}
}
