// Compile-only stub of React Native 0.88.1 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.facebook.react.bridge;
public abstract class ReactContext extends android.content.Context {}
