package dev.workmanagerts.android

import android.content.Context
import android.os.Handler
import android.os.Looper
import androidx.lifecycle.Observer
import androidx.work.ArrayCreatingInputMerger
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.Data
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequest
import androidx.work.OutOfQuotaPolicy
import androidx.work.OverwritingInputMerger
import androidx.work.PeriodicWorkRequest
import androidx.work.WorkContinuation
import androidx.work.WorkInfo
import androidx.work.WorkManager
import androidx.work.WorkQuery
import androidx.work.WorkRequest
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ExecutionException
import java.util.concurrent.Future
import java.util.concurrent.TimeUnit

/**
 * The only class that touches androidx.work (android-bridge.md §4.5): performs plan operations on
 * `WorkManager.getInstance(context)` (default App Startup initializer), awaiting each
 * `Operation.getResult()` so a reply means the work is persisted. Must not run on the main thread.
 * Compile-checked here against stubs; runs only on a device.
 */
class PlanExecutor(private val context: Context) : WorkManagerPort {
    private val workManager: WorkManager get() = WorkManager.getInstance(context)
    private val continuations = ConcurrentHashMap<String, WorkContinuation>()
    private val main = Handler(Looper.getMainLooper())

    override fun execute(op: PlanOp): OpResult {
        val wm = workManager
        when (op) {
            is PlanOp.Enqueue -> await(wm.enqueue(op.requests.map(::build)).result)
            is PlanOp.EnqueueUniqueWork ->
                await(wm.enqueueUniqueWork(op.uniqueName, ExistingWorkPolicy.valueOf(op.policy), op.requests.map(::oneTime)).result)
            is PlanOp.EnqueueUniquePeriodicWork ->
                await(wm.enqueueUniquePeriodicWork(op.uniqueName, ExistingPeriodicWorkPolicy.valueOf(op.policy), build(op.request) as PeriodicWorkRequest).result)
            is PlanOp.BeginWith -> continuations[op.levelId] = wm.beginWith(op.requests.map(::oneTime))
            is PlanOp.BeginUniqueWork ->
                continuations[op.levelId] = wm.beginUniqueWork(op.uniqueName, ExistingWorkPolicy.valueOf(op.policy), op.requests.map(::oneTime))
            is PlanOp.Then -> continuations[op.levelId] = level(op.parentLevelId).then(op.requests.map(::oneTime))
            is PlanOp.Combine -> continuations[op.levelId] = WorkContinuation.combine(op.parentLevelIds.map(::level))
            is PlanOp.EnqueueContinuation -> await(level(op.levelId).enqueue().result)
            is PlanOp.UpdateWork -> {
                await(wm.getWorkInfoById(UUID.fromString(op.request.id)))
                    ?: throw BridgeException(BridgeErrorCode.INVALID_ARGUMENT, "No work with id ${op.request.id} exists.", "WORK_NOT_FOUND")
                return OpResult.Update(await(wm.updateWork(build(op.request))).name)
            }
            is PlanOp.CancelWorkById -> await(wm.cancelWorkById(UUID.fromString(op.id)).result)
            is PlanOp.CancelAllWorkByTag -> await(wm.cancelAllWorkByTag(op.tag).result)
            is PlanOp.CancelUniqueWork -> await(wm.cancelUniqueWork(op.uniqueName).result)
            PlanOp.CancelAllWork -> await(wm.cancelAllWork().result)
            PlanOp.PruneWork -> await(wm.pruneWork().result)
            is PlanOp.GetWorkInfos -> return OpResult.Infos(await(wm.getWorkInfos(query(op.query))).map(::record))
            is PlanOp.GetWorkInfoById -> return OpResult.Info(await(wm.getWorkInfoById(UUID.fromString(op.id)))?.let(::record))
            PlanOp.GetLastCancelAllTimeMillis -> return OpResult.Millis(await(wm.lastCancelAllTimeMillis))
        }
        return OpResult.Done
    }

    /** `getWorkInfosLiveData` observed forever on the main looper; each emission is a full snapshot. */
    override fun observe(query: WorkQuerySpec, listener: (List<WorkInfoRecord>) -> Unit): AutoCloseable {
        val live = workManager.getWorkInfosLiveData(query(query))
        val observer = Observer<List<WorkInfo>> { infos -> listener(infos.map(::record)) }
        main.post { live.observeForever(observer) }
        return AutoCloseable { main.post { live.removeObserver(observer) } }
    }

    private fun level(levelId: String): WorkContinuation =
        continuations[levelId] ?: throw invalid("Unknown continuation level $levelId.", "INVALID_CONTINUATION")

    private fun oneTime(r: BuiltRequest): OneTimeWorkRequest = build(r) as OneTimeWorkRequest

    /** Applies a [BuiltRequest]'s builder calls, in the order the plan lists them. */
    fun build(r: BuiltRequest): WorkRequest {
        val data = Data.Builder().putAll(DataCodec.toMap(r.inputData)).build()
        val constraints = Constraints.Builder()
            .setRequiredNetworkType(NetworkType.valueOf(r.constraints.network))
            .setRequiresCharging(r.constraints.requiresCharging)
            .setRequiresBatteryNotLow(r.constraints.requiresBatteryNotLow)
            .setRequiresDeviceIdle(r.constraints.requiresDeviceIdle)
            .setRequiresStorageNotLow(r.constraints.requiresStorageNotLow)
            .build()
        if (r.periodic) {
            val b = PeriodicWorkRequest.Builder(JsWorker::class.java, r.repeatIntervalMs, TimeUnit.MILLISECONDS, r.flexMs, TimeUnit.MILLISECONDS)
            common(b, r, data, constraints)
            r.nextScheduleTimeOverrideMs?.let { b.setNextScheduleTimeOverride(it) }
            if (r.clearNextScheduleTimeOverride) b.clearNextScheduleTimeOverride()
            return b.build()
        }
        val b = OneTimeWorkRequest.Builder(JsWorker::class.java)
        common(b, r, data, constraints)
        r.expeditedPolicy?.let { b.setExpedited(OutOfQuotaPolicy.valueOf(it)) }
        b.setInputMerger(if (r.inputMerger == "androidx.work.ArrayCreatingInputMerger") ArrayCreatingInputMerger::class.java else OverwritingInputMerger::class.java)
        return b.build()
    }

    private fun <B : WorkRequest.Builder<B, *>> common(b: B, r: BuiltRequest, data: Data, constraints: Constraints) {
        b.setId(UUID.fromString(r.id))
        r.tags.forEach { b.addTag(it) }
        b.setInputData(data)
        b.setInitialDelay(r.initialDelayMs, TimeUnit.MILLISECONDS)
        r.backoffPolicy?.let { b.setBackoffCriteria(BackoffPolicy.valueOf(it), r.backoffDelayMs, TimeUnit.MILLISECONDS) }
        b.setConstraints(constraints)
        b.keepResultsForAtLeast(r.keepResultsForAtLeastMs, TimeUnit.MILLISECONDS)
    }

    private fun query(q: WorkQuerySpec): WorkQuery {
        val b = WorkQuery.Builder.fromIds(q.ids.map(UUID::fromString))
        b.addTags(q.tags)
        b.addUniqueWorkNames(q.uniqueNames)
        b.addStates(q.states.map { WorkInfo.State.valueOf(it) })
        return b.build()
    }

    private fun <T> await(future: Future<T>): T = try {
        future.get()
    } catch (e: ExecutionException) {
        throw e.cause ?: e
    }

    companion object {
        /** androidx `WorkInfo` → the pure record [WorkInfoMapper] reads. */
        fun record(info: WorkInfo): WorkInfoRecord {
            val c = info.constraints
            return WorkInfoRecord(
                id = info.id.toString(),
                state = info.state.name,
                tags = info.tags,
                outputData = info.outputData.keyValueMap,
                progress = info.progress.keyValueMap,
                runAttemptCount = info.runAttemptCount,
                generation = info.generation,
                initialDelayMillis = info.initialDelayMillis,
                nextScheduleTimeMillis = info.nextScheduleTimeMillis,
                periodicity = info.periodicityInfo?.let { it.repeatIntervalMillis to it.flexIntervalMillis },
                constraints = ConstraintsSpec(
                    c.requiredNetworkType.name, c.requiresCharging(), c.requiresBatteryNotLow(), c.requiresDeviceIdle(), c.requiresStorageNotLow(),
                ),
                stopReason = info.stopReason,
            )
        }
    }
}
