// Compile-only stub of React Native 0.88.1 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.facebook.react.jstasks;
public class HeadlessJsTaskConfig { public HeadlessJsTaskConfig(String taskKey, com.facebook.react.bridge.WritableMap data, long timeout, boolean isAllowedInForeground) {} }
