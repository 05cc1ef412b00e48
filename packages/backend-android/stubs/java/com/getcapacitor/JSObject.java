// Compile-only stub of @capacitor/android 8.5.2 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.getcapacitor;
public class JSObject extends org.json.JSONObject { public JSObject put(String key, String value) { return this; } }
