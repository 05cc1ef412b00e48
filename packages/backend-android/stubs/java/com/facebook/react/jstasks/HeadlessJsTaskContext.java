// Compile-only stub of React Native 0.88.1 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.facebook.react.jstasks;
public class HeadlessJsTaskContext {
  public static HeadlessJsTaskContext getInstance(com.facebook.react.bridge.ReactContext context) { throw new RuntimeException("stub"); }
  public int startTask(HeadlessJsTaskConfig taskConfig) { return 0; }
  public void finishTask(int taskId) {}
  public void addTaskEventListener(HeadlessJsTaskEventListener listener) {}
  public void removeTaskEventListener(HeadlessJsTaskEventListener listener) {}
}
