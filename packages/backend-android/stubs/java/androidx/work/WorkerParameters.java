// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
public final class WorkerParameters {
  public java.util.UUID getId() { throw new RuntimeException("stub"); }
  public Data getInputData() { throw new RuntimeException("stub"); }
  public java.util.Set<String> getTags() { throw new RuntimeException("stub"); }
  public int getRunAttemptCount() { return 0; }
  public int getGeneration() { return 0; }
}
