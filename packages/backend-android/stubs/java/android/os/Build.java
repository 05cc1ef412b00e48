// Compile-only stub written from the public API reference. Never shipped, never run.
package android.os;
public class Build { public static class VERSION { public static final int SDK_INT = 0; } }
