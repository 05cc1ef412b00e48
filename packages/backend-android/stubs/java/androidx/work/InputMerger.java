// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
public abstract class InputMerger { public abstract Data merge(java.util.List<Data> inputs); }
