package dev.workmanagerts.android

/**
 * Protocol v1 constants shared with the TypeScript side (src/protocol/). The TS types are the
 * single source; contract/ JSON files pins both sides to them.
 */
object Protocol {
    const val VERSION = 1

    /** Fully qualified name of the one worker class. Persisted by WorkManager: never rename. */
    const val JS_WORKER_CLASS = "dev.workmanagerts.android.JsWorker"

    const val RESERVED_PREFIX = "wm."
    const val WORKER_TAG_PREFIX = "wm.worker:"
    const val UNIQUE_TAG_PREFIX = "wm.unique:"
    const val JSON_KEY_PREFIX = "wm.json."
    const val ERROR_OUTPUT_KEY = "wm.error"

    /** androidx `Data.MAX_DATA_BYTES`. */
    const val MAX_DATA_BYTES = 10 * 1024

    val METHODS = setOf(
        "hello", "enqueue", "enqueueUniqueWork", "enqueueUniquePeriodicWork", "enqueueChain",
        "updateWork", "cancelWorkById", "cancelAllWorkByTag", "cancelUniqueWork", "cancelAllWork",
        "pruneWork", "getWorkInfos", "getWorkInfoById", "subscribe", "unsubscribe",
        "getLastCancelAllTimeMillis", "completeRun", "setProgress",
        "test.setAllConstraintsMet", "test.setInitialDelayMet", "test.setPeriodDelayMet",
    )
}

/** The error codes of protocol v1 (src/protocol/bridge-error-code.ts). */
enum class BridgeErrorCode { PROTOCOL, UNKNOWN_METHOD, INVALID_ARGUMENT, DATA_TOO_LARGE, NOT_READY, UNSUPPORTED, UNKNOWN_RUN, INTERNAL }

/**
 * A failure the bridge reports to JS as `{ok:false, error}`. `workErrorCode` names the engine
 * error code when it is finer than [code] (e.g. WORK_NOT_FOUND).
 */
class BridgeException(
    val code: BridgeErrorCode,
    message: String,
    val workErrorCode: String? = null,
) : RuntimeException(message)

internal fun invalid(message: String, workErrorCode: String? = null) =
    BridgeException(BridgeErrorCode.INVALID_ARGUMENT, message, workErrorCode)
