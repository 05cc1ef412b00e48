package dev.workmanagerts.android

/**
 * What each host (React Native, NativeScript, Capacitor, the stdio harness) provides to the
 * bridge core (android-bridge.md §2.5). The core calls it on the main thread.
 */
interface HostRuntime {
    /** Delivers an event envelope (JSON text) to JS. */
    fun emit(eventJson: String)

    /**
     * Starts JS for a run. `runRequestJson` is the bare run request (React Native's headless task
     * data); `eventJson` is the same as a `runRequested` event, for hosts that dispatch by event.
     */
    fun dispatchRun(runRequestJson: String, eventJson: String)
}

/**
 * The WorkManager operations the core needs; implemented by `PlanExecutor` over androidx.work on
 * a device, and by a fake in the JVM tests and the stdio harness.
 */
interface WorkManagerPort {
    /** Performs one plan operation and returns its answer (see [OpResult]); blocks until persisted. */
    fun execute(op: PlanOp): OpResult

    /** Calls `listener` with a full snapshot now and after every change; close to stop. */
    fun observe(query: WorkQuerySpec, listener: (List<WorkInfoRecord>) -> Unit): AutoCloseable
}

/** The answer of one [PlanOp]. */
sealed class OpResult {
    object Done : OpResult()
    data class Infos(val infos: List<WorkInfoRecord>) : OpResult()
    data class Info(val info: WorkInfoRecord?) : OpResult()
    data class Update(val result: String) : OpResult()
    data class Millis(val millis: Long) : OpResult()
}

/** The work-testing `TestDriver` verbs behind the debug-only `test.*` methods. */
interface TestDriverPort {
    fun setAllConstraintsMet(id: String)
    fun setInitialDelayMet(id: String)
    fun setPeriodDelayMet(id: String)
}
