package dev.workmanagerts.android

import org.json.JSONObject

/** Constraints in androidx's enum names (`NetworkType`). */
data class ConstraintsSpec(
    val network: String,
    val requiresCharging: Boolean,
    val requiresBatteryNotLow: Boolean,
    val requiresDeviceIdle: Boolean,
    val requiresStorageNotLow: Boolean,
) {
    fun toJson(): JSONObject = JSONObject()
        .put("network", network).put("requiresCharging", requiresCharging)
        .put("requiresBatteryNotLow", requiresBatteryNotLow).put("requiresDeviceIdle", requiresDeviceIdle)
        .put("requiresStorageNotLow", requiresStorageNotLow)

    companion object {
        val NETWORK_TYPES = setOf("NOT_REQUIRED", "CONNECTED", "UNMETERED", "NOT_ROAMING", "METERED", "TEMPORARILY_UNMETERED")

        fun fromJson(o: JSONObject): ConstraintsSpec {
            val network = Json.str(o, "network")
            if (network !in NETWORK_TYPES) throw invalid("Unknown network type $network.")
            return ConstraintsSpec(
                network, Json.bool(o, "requiresCharging"), Json.bool(o, "requiresBatteryNotLow"),
                Json.bool(o, "requiresDeviceIdle"), Json.bool(o, "requiresStorageNotLow"),
            )
        }
    }
}

/**
 * One request as the plan hands it to the executor: exactly the builder calls to make
 * (`OneTimeWorkRequest.Builder(JsWorker)` or `PeriodicWorkRequest.Builder(JsWorker, interval,
 * flex)`, then `setId`, `addTag`…). `backoff` null = do not call `setBackoffCriteria`.
 */
data class BuiltRequest(
    val periodic: Boolean,
    val id: String,
    val workerName: String,
    val tags: List<String>,
    val inputData: List<DataEntry>,
    val initialDelayMs: Long,
    val backoffPolicy: String?,
    val backoffDelayMs: Long,
    val constraints: ConstraintsSpec,
    val keepResultsForAtLeastMs: Long,
    val expeditedPolicy: String?,
    val inputMerger: String?,
    val repeatIntervalMs: Long,
    val flexMs: Long,
    val nextScheduleTimeOverrideMs: Long?,
    val clearNextScheduleTimeOverride: Boolean,
) {
    /** The plan form the contract vectors pin. */
    fun toJson(): JSONObject {
        val o = JSONObject()
            .put("builder", if (periodic) "PeriodicWorkRequest" else "OneTimeWorkRequest")
            .put("workerClass", Protocol.JS_WORKER_CLASS)
            .put("id", id)
            .put("tags", org.json.JSONArray(tags))
            .put("inputData", DataCodec.entriesToJson(inputData))
            .put("initialDelayMs", initialDelayMs)
            .put("backoff", if (backoffPolicy == null) JSONObject.NULL else JSONObject().put("policy", backoffPolicy).put("delayMs", backoffDelayMs))
            .put("constraints", constraints.toJson())
            .put("keepResultsForAtLeastMs", keepResultsForAtLeastMs)
        if (periodic) {
            o.put("repeatIntervalMs", repeatIntervalMs).put("flexMs", flexMs)
                .put("nextScheduleTimeOverrideMs", nextScheduleTimeOverrideMs ?: JSONObject.NULL)
                .put("clearNextScheduleTimeOverride", clearNextScheduleTimeOverride)
        } else {
            o.put("expedited", expeditedPolicy ?: JSONObject.NULL).put("inputMerger", inputMerger ?: JSONObject.NULL)
        }
        return o
    }
}

/** Decodes wire requests (src/protocol/wire-work-request.ts) into [BuiltRequest]s. Pure. */
object RequestCodec {
    private val UUID_RE = Regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    private val OUT_OF_QUOTA = setOf("RUN_AS_NON_EXPEDITED_WORK_REQUEST", "DROP_WORK_REQUEST")

    /**
     * @param uniqueName adds the `wm.unique:` tag, since WorkInfo has no unique-name field.
     * @throws BridgeException INVALID_ARGUMENT or DATA_TOO_LARGE.
     */
    fun decode(o: JSONObject, uniqueName: String?): BuiltRequest {
        val id = Json.str(o, "id").lowercase()
        if (!UUID_RE.matches(id)) throw invalid("Request id $id is not a UUID.")
        val worker = Json.str(o, "workerName")
        if (worker.startsWith(Protocol.RESERVED_PREFIX)) throw invalid("Worker name $worker uses the reserved prefix.")
        val kind = Json.str(o, "kind")
        if (kind != "oneTime" && kind != "periodic") throw invalid("kind must be oneTime or periodic, not $kind.")
        val periodic = kind == "periodic"
        val userTags = Json.strings(o, "tags")
        userTags.firstOrNull { it.startsWith(Protocol.RESERVED_PREFIX) }?.let { throw invalid("Tag $it uses the reserved prefix.") }
        val input = DataCodec.encode(Json.obj(o, "inputData"), "Input of $id:")
        val size = DataCodec.sizeInBytes(input)
        if (size > Protocol.MAX_DATA_BYTES) {
            throw BridgeException(BridgeErrorCode.DATA_TOO_LARGE, "Input of $id is $size bytes; the limit is ${Protocol.MAX_DATA_BYTES}.")
        }
        val backoff = o.optJSONObject("backoff")
        val backoffPolicy = backoff?.let { Json.str(it, "policy") }
        if (backoffPolicy != null && backoffPolicy != "EXPONENTIAL" && backoffPolicy != "LINEAR") throw invalid("Unknown backoff policy $backoffPolicy.")
        val expedited = o.optJSONObject("expedited")?.let { Json.str(it, "outOfQuotaPolicy") }
        if (expedited != null && (periodic || expedited !in OUT_OF_QUOTA)) throw invalid("Bad expedited policy $expedited.")
        val merger = if (periodic) null else when (o.optString("inputMerger", "overwrite")) {
            "overwrite" -> "androidx.work.OverwritingInputMerger"
            "arrayCreating" -> "androidx.work.ArrayCreatingInputMerger"
            else -> throw invalid("inputMerger must be overwrite or arrayCreating.")
        }
        val p = if (periodic) Json.obj(o, "periodic") else null
        val tags = userTags + listOfNotNull(uniqueName?.let { Protocol.UNIQUE_TAG_PREFIX + it }) + (Protocol.WORKER_TAG_PREFIX + worker)
        return BuiltRequest(
            periodic = periodic,
            id = id,
            workerName = worker,
            tags = tags,
            inputData = input,
            initialDelayMs = Json.long(o, "initialDelayMs"),
            backoffPolicy = backoffPolicy,
            backoffDelayMs = backoff?.let { Json.long(it, "delayMs") } ?: 0L,
            constraints = ConstraintsSpec.fromJson(Json.obj(o, "constraints")),
            keepResultsForAtLeastMs = Json.long(o, "keepResultsForAtLeastMs"),
            expeditedPolicy = expedited,
            inputMerger = merger,
            repeatIntervalMs = p?.let { Json.long(it, "intervalMs") } ?: 0L,
            flexMs = p?.let { Json.long(it, "flexMs") } ?: 0L,
            nextScheduleTimeOverrideMs = p?.let { if (it.has("nextScheduleTimeOverrideMs")) Json.long(it, "nextScheduleTimeOverrideMs") else null },
            clearNextScheduleTimeOverride = p?.optBoolean("clearNextScheduleTimeOverride", false) ?: false,
        )
    }
}
