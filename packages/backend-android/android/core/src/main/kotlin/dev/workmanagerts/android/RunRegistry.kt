package dev.workmanagerts.android

import java.util.concurrent.ConcurrentHashMap

/** What a worker returned, as `completeRun` carries it. */
data class RunOutcome(val type: String, val outputData: List<DataEntry>)

/** The live end of one run: how to finish it and how to publish its progress. */
interface RunHandle {
    val workId: String
    fun complete(outcome: RunOutcome)
    fun setProgress(progress: List<DataEntry>)
}

/**
 * Runs waiting for JS (android-bridge.md §4.5): `JsWorker.startWork` registers one, `completeRun`
 * finishes it once, `onStopped` removes it so a late `completeRun` gets UNKNOWN_RUN. Thread-safe:
 * WorkManager, the host and JS calls arrive on different threads.
 */
class RunRegistry {
    private val runs = ConcurrentHashMap<String, RunHandle>()

    fun register(runId: String, handle: RunHandle) {
        runs[runId] = handle
    }

    /** Finishes a run exactly once. */
    fun complete(runId: String, outcome: RunOutcome) {
        val handle = runs.remove(runId) ?: throw unknown(runId)
        handle.complete(outcome)
    }

    fun setProgress(runId: String, progress: List<DataEntry>) {
        (runs[runId] ?: throw unknown(runId)).setProgress(progress)
    }

    /** Forgets a stopped run; true when it was live. */
    fun stop(runId: String): Boolean = runs.remove(runId) != null

    /**
     * The host reports the JS task ended without `completeRun` (RN `onHeadlessJsTaskFinish`):
     * fail the run with NO_OUTCOME rather than leave WorkManager waiting.
     */
    fun finishedWithoutOutcome(runId: String) {
        val handle = runs.remove(runId) ?: return
        handle.complete(RunOutcome("failure", listOf(DataEntry(Protocol.ERROR_OUTPUT_KEY, "string", "NO_OUTCOME: the JS task for this run ended without completing it."))))
    }

    fun liveRunIds(): Set<String> = runs.keys.toSet()

    private fun unknown(runId: String) =
        BridgeException(BridgeErrorCode.UNKNOWN_RUN, "Run $runId is not live: it finished or was stopped; ignore its result.")
}
