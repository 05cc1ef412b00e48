// Compile-only stub written from the public API reference. Never shipped, never run.
package android.os;
public final class Looper { public static Looper getMainLooper() { throw new RuntimeException("stub"); } public static Looper myLooper() { throw new RuntimeException("stub"); } }
