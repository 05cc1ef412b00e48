// Compile-only stub written from the public API reference. Never shipped, never run.
package android.content;
public abstract class Context { public abstract Context getApplicationContext(); }
