// Compile-only stub of @capacitor/android 8.5.2 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.getcapacitor;
public class PluginCall { public String getString(String name) { return null; } public void resolve(JSObject data) {} public void reject(String msg) {} }
