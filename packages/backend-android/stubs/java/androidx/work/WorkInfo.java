// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
import java.util.Set;
import java.util.UUID;
public final class WorkInfo {
  public enum State { ENQUEUED, RUNNING, SUCCEEDED, FAILED, BLOCKED, CANCELLED }
  public static final int STOP_REASON_NOT_STOPPED = -256;
  public UUID getId() { throw new RuntimeException("stub"); }
  public State getState() { throw new RuntimeException("stub"); }
  public Set<String> getTags() { throw new RuntimeException("stub"); }
  public Data getOutputData() { throw new RuntimeException("stub"); }
  public Data getProgress() { throw new RuntimeException("stub"); }
  public int getRunAttemptCount() { return 0; }
  public int getGeneration() { return 0; }
  public Constraints getConstraints() { throw new RuntimeException("stub"); }
  public long getInitialDelayMillis() { return 0; }
  public PeriodicityInfo getPeriodicityInfo() { return null; }
  public long getNextScheduleTimeMillis() { return 0; }
  public int getStopReason() { return 0; }
  public static final class PeriodicityInfo {
    public long getRepeatIntervalMillis() { return 0; }
    public long getFlexIntervalMillis() { return 0; }
  }
}
