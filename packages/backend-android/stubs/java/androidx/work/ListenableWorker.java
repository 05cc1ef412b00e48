// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
import android.content.Context;
import com.google.common.util.concurrent.ListenableFuture;
public abstract class ListenableWorker {
  public ListenableWorker(Context appContext, WorkerParameters workerParams) {}
  public final Context getApplicationContext() { throw new RuntimeException("stub"); }
  public final java.util.UUID getId() { throw new RuntimeException("stub"); }
  public final Data getInputData() { throw new RuntimeException("stub"); }
  public final java.util.Set<String> getTags() { throw new RuntimeException("stub"); }
  public final int getRunAttemptCount() { return 0; }
  public final int getStopReason() { return 0; }
  public abstract ListenableFuture<Result> startWork();
  public void onStopped() {}
  public final ListenableFuture<Void> setProgressAsync(Data data) { throw new RuntimeException("stub"); }
  public abstract static class Result {
    public static Result success(Data outputData) { throw new RuntimeException("stub"); }
    public static Result failure(Data outputData) { throw new RuntimeException("stub"); }
    public static Result retry() { throw new RuntimeException("stub"); }
  }
}
