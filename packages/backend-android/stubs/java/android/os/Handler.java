// Compile-only stub written from the public API reference. Never shipped, never run.
package android.os;
public class Handler { public Handler(Looper looper) {} public final boolean post(Runnable r) { throw new RuntimeException("stub"); } }
