// Compile-only stub of @capacitor/android 8.5.2 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.getcapacitor;
public class Plugin {
  public void load() {}
  public android.content.Context getContext() { throw new RuntimeException("stub"); }
  protected void notifyListeners(String eventName, JSObject data) {}
  protected void handleOnDestroy() {}
}
