// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
import java.util.concurrent.TimeUnit;
public final class PeriodicWorkRequest extends WorkRequest {
  public static final class Builder extends WorkRequest.Builder<Builder, PeriodicWorkRequest> {
    public Builder(Class<? extends ListenableWorker> workerClass, long repeatInterval, TimeUnit repeatIntervalTimeUnit, long flexInterval, TimeUnit flexIntervalTimeUnit) {}
    public Builder setNextScheduleTimeOverride(long nextScheduleTimeOverrideMillis) { return this; }
    public Builder clearNextScheduleTimeOverride() { return this; }
  }
}
