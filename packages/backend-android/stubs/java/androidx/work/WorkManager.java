// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
import android.content.Context;
import androidx.lifecycle.LiveData;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.UUID;
public abstract class WorkManager {
  public enum UpdateResult { NOT_APPLIED, APPLIED_IMMEDIATELY, APPLIED_FOR_NEXT_RUN }
  public static WorkManager getInstance(Context context) { throw new RuntimeException("stub"); }
  public abstract Operation enqueue(List<? extends WorkRequest> requests);
  public abstract WorkContinuation beginWith(List<OneTimeWorkRequest> work);
  public abstract WorkContinuation beginUniqueWork(String uniqueWorkName, ExistingWorkPolicy existingWorkPolicy, List<OneTimeWorkRequest> work);
  public abstract Operation enqueueUniqueWork(String uniqueWorkName, ExistingWorkPolicy existingWorkPolicy, List<OneTimeWorkRequest> work);
  public abstract Operation enqueueUniquePeriodicWork(String uniqueWorkName, ExistingPeriodicWorkPolicy existingPeriodicWorkPolicy, PeriodicWorkRequest periodicWork);
  public abstract ListenableFuture<UpdateResult> updateWork(WorkRequest request);
  public abstract Operation cancelWorkById(UUID id);
  public abstract Operation cancelAllWorkByTag(String tag);
  public abstract Operation cancelUniqueWork(String uniqueWorkName);
  public abstract Operation cancelAllWork();
  public abstract Operation pruneWork();
  public abstract ListenableFuture<WorkInfo> getWorkInfoById(UUID id);
  public abstract ListenableFuture<List<WorkInfo>> getWorkInfos(WorkQuery workQuery);
  public abstract LiveData<List<WorkInfo>> getWorkInfosLiveData(WorkQuery workQuery);
  public abstract ListenableFuture<Long> getLastCancelAllTimeMillis();
}
