// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
public abstract class WorkRequest {
  public UUID getId() { throw new RuntimeException("stub"); }
  public abstract static class Builder<B extends Builder<B, ?>, W extends WorkRequest> {
    public final B setId(UUID id) { throw new RuntimeException("stub"); }
    public final B addTag(String tag) { throw new RuntimeException("stub"); }
    public final B setInputData(Data inputData) { throw new RuntimeException("stub"); }
    public B setInitialDelay(long duration, TimeUnit timeUnit) { throw new RuntimeException("stub"); }
    public final B setBackoffCriteria(BackoffPolicy backoffPolicy, long backoffDelay, TimeUnit timeUnit) { throw new RuntimeException("stub"); }
    public final B setConstraints(Constraints constraints) { throw new RuntimeException("stub"); }
    public final B keepResultsForAtLeast(long duration, TimeUnit timeUnit) { throw new RuntimeException("stub"); }
    public B setExpedited(OutOfQuotaPolicy policy) { throw new RuntimeException("stub"); }
    public final W build() { throw new RuntimeException("stub"); }
  }
}
