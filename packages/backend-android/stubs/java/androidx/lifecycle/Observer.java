// Compile-only stub written from the public API reference. Never shipped, never run.
package androidx.lifecycle;
public interface Observer<T> { void onChanged(T value); }
