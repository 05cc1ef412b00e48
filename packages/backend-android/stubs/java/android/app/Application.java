// Compile-only stub written from the public API reference. Never shipped, never run.
package android.app;
public class Application extends android.content.Context { public android.content.Context getApplicationContext() { return this; } }
