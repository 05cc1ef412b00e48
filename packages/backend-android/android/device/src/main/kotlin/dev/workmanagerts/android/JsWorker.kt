package dev.workmanagerts.android

import android.content.Context
import android.os.Build
import androidx.concurrent.futures.CallbackToFutureAdapter
import androidx.work.Data
import androidx.work.ListenableWorker
import androidx.work.WorkerParameters
import com.google.common.util.concurrent.ListenableFuture

/**
 * The one worker class behind every JS worker (android-bridge.md §4.5). Its fully qualified name,
 * `dev.workmanagerts.android.JsWorker`, is persisted by WorkManager: renaming it orphans queued
 * work. `startWork` registers a run and asks the host to start JS; the future completes when JS
 * calls `completeRun` (never blocking a thread). `onStopped` forwards the stop reason (API 31+).
 */
class JsWorker(context: Context, private val params: WorkerParameters) : ListenableWorker(context, params) {
    @Volatile private var runId: String? = null

    override fun startWork(): ListenableFuture<Result> = CallbackToFutureAdapter.getFuture { completer ->
        val core = WorkBridge.core(applicationContext)
        val workId = id.toString()
        runId = core.startRun(workId, tags, inputData.keyValueMap, runAttemptCount, params.generation, object : RunHandle {
            override val workId = workId

            override fun complete(outcome: RunOutcome) {
                val output = Data.Builder().putAll(DataCodec.toMap(outcome.outputData)).build()
                completer.set(
                    when (outcome.type) {
                        "success" -> Result.success(output)
                        "retry" -> Result.retry()
                        else -> Result.failure(output)
                    },
                )
            }

            override fun setProgress(progress: List<DataEntry>) {
                setProgressAsync(Data.Builder().putAll(DataCodec.toMap(progress)).build())
            }
        })
        "JsWorker run $runId of $workId"
    }

    override fun onStopped() {
        val run = runId ?: return
        WorkBridge.core(applicationContext).stopRun(run, if (Build.VERSION.SDK_INT >= 31) stopReason else STOP_REASON_UNKNOWN)
    }

    private companion object {
        const val STOP_REASON_UNKNOWN = -512
    }
}
