// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
import java.util.List;
public abstract class WorkContinuation {
  public abstract WorkContinuation then(List<OneTimeWorkRequest> work);
  public abstract Operation enqueue();
  public static WorkContinuation combine(List<WorkContinuation> continuations) { throw new RuntimeException("stub"); }
}
