// Compile-only stub of @capacitor/android 8.5.2 (checked against its sources by test/native/host-checks.test.ts). Never shipped.
package com.getcapacitor;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
@Retention(RetentionPolicy.RUNTIME)
public @interface PluginMethod { String returnType() default "promise"; }
