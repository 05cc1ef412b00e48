package dev.workmanagerts.android

import org.json.JSONArray
import org.json.JSONObject

/**
 * The fields of androidx `WorkInfo` (work 2.9+) in plain Kotlin, so the mapping is testable on
 * the JVM. `outputData` / `progress` are `Data.getKeyValueMap()`.
 */
data class WorkInfoRecord(
    val id: String,
    val state: String,
    val tags: Set<String>,
    val outputData: Map<String, Any?>,
    val progress: Map<String, Any?>,
    val runAttemptCount: Int,
    val generation: Int,
    val initialDelayMillis: Long,
    val nextScheduleTimeMillis: Long,
    val periodicity: Pair<Long, Long>?,
    val constraints: ConstraintsSpec,
    val stopReason: Int,
)

/** androidx `WorkInfo` → wire WorkInfo (src/protocol/wire-work-info.ts). Pure. */
object WorkInfoMapper {
    /**
     * Strips reserved tags and the worker class tag (moving worker and unique name to their own
     * fields), maps `Long.MAX_VALUE` to null, and reports no stop reason below API 31.
     */
    fun toWire(r: WorkInfoRecord, sdkInt: Int): JSONObject {
        val userTags = r.tags.filter { !it.startsWith(Protocol.RESERVED_PREFIX) && it != Protocol.JS_WORKER_CLASS }.sorted()
        val worker = r.tags.firstOrNull { it.startsWith(Protocol.WORKER_TAG_PREFIX) }?.removePrefix(Protocol.WORKER_TAG_PREFIX)
        val unique = r.tags.firstOrNull { it.startsWith(Protocol.UNIQUE_TAG_PREFIX) }?.removePrefix(Protocol.UNIQUE_TAG_PREFIX)
        return JSONObject()
            .put("id", r.id)
            .put("state", r.state)
            .put("tags", JSONArray(userTags))
            .put("workerName", worker ?: JSONObject.NULL)
            .put("uniqueName", unique ?: JSONObject.NULL)
            .put("outputData", DataCodec.decode(r.outputData))
            .put("progress", DataCodec.decode(r.progress))
            .put("runAttemptCount", r.runAttemptCount)
            .put("generation", r.generation)
            .put("initialDelayMillis", r.initialDelayMillis)
            .put("nextScheduleTimeMillis", if (r.nextScheduleTimeMillis == Long.MAX_VALUE) JSONObject.NULL else r.nextScheduleTimeMillis)
            .put("periodicity", r.periodicity?.let { JSONObject().put("repeatIntervalMillis", it.first).put("flexIntervalMillis", it.second) } ?: JSONObject.NULL)
            .put("constraints", r.constraints.toJson())
            .put("stopReason", if (sdkInt >= 31) r.stopReason else JSONObject.NULL)
    }
}
