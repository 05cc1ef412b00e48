package dev.workmanagerts.android

import org.json.JSONArray
import org.json.JSONObject
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicLong

/**
 * The router of the native side (android-bridge.md §4.5): decodes request envelopes, plans and
 * executes them through a [WorkManagerPort], owns the session, subscriptions and runs, and
 * sends events through the [HostRuntime]. Contains no androidx class, so it runs on the JVM.
 *
 * @param post runs host callbacks on the main thread (a main-looper Handler on a device).
 */
class BridgeCore(
    private val port: WorkManagerPort,
    private val sdkInt: Int,
    private val capabilities: List<String>,
    private val testDriver: TestDriverPort? = null,
    private val post: (Runnable) -> Unit = { it.run() },
) {
    @Volatile private var host: HostRuntime? = null
    @Volatile private var sessionId: String? = null
    @Volatile var workerNames: List<String> = emptyList()
        private set
    private val seq = AtomicLong(0)
    private val subscriptions = ConcurrentHashMap<String, AutoCloseable>()
    private val levels = ConcurrentHashMap<String, Any>()
    private val levelUnique = ConcurrentHashMap<String, String>()
    val runs = RunRegistry()

    /** Attaches the host that receives events and run dispatches. */
    fun attach(host: HostRuntime) {
        this.host = host
    }

    /** Detaches `host` if it is the attached one (Capacitor's WebView died, NativeScript exit). */
    fun detach(host: HostRuntime) {
        if (this.host === host) this.host = null
    }

    /** True after JS said `hello` in this session. */
    fun isReady(): Boolean = sessionId != null

    /** Handles one request envelope; `reply` gets the response envelope. Never throws. */
    fun invoke(requestJson: String, reply: (String) -> Unit) {
        var id: Any = 0
        val response = try {
            val request = try {
                JSONObject(requestJson)
            } catch (e: Exception) {
                throw BridgeException(BridgeErrorCode.PROTOCOL, "The request is not a JSON object: ${e.message}")
            }
            id = request.opt("id") ?: 0
            if (request.optInt("v", -1) != Protocol.VERSION) {
                throw BridgeException(BridgeErrorCode.PROTOCOL, "Protocol ${request.opt("v")} is not supported; this native module speaks ${Protocol.VERSION}.")
            }
            val method = request.optString("method", "")
            if (method !in Protocol.METHODS) throw BridgeException(BridgeErrorCode.UNKNOWN_METHOD, "Unknown method \"$method\".")
            val params = request.optJSONObject("params") ?: JSONObject()
            if (method != "hello" && sessionId == null) {
                throw BridgeException(BridgeErrorCode.NOT_READY, "Call hello first: the JS runtime has not announced itself.")
            }
            JSONObject().put("v", Protocol.VERSION).put("id", id).put("ok", true).put("result", dispatch(method, params))
        } catch (e: BridgeException) {
            errorEnvelope(id, e.code, e.message ?: e.code.name, e.workErrorCode)
        } catch (e: IllegalStateException) {
            // androidx Data.Builder.build() throws this past 10 240 bytes.
            if (e.message?.contains("Data cannot occupy more than") == true) {
                errorEnvelope(id, BridgeErrorCode.DATA_TOO_LARGE, e.message!!, null)
            } else {
                errorEnvelope(id, BridgeErrorCode.INTERNAL, e.toString(), null)
            }
        } catch (e: IllegalArgumentException) {
            errorEnvelope(id, BridgeErrorCode.INVALID_ARGUMENT, e.message ?: e.toString(), null)
        } catch (e: Exception) {
            errorEnvelope(id, BridgeErrorCode.INTERNAL, e.toString(), null)
        }
        reply(response.toString())
    }

    private fun dispatch(method: String, params: JSONObject): JSONObject = when (method) {
        "hello" -> hello(params)
        "subscribe" -> {
            val subscriptionId = Json.str(params, "subscriptionId")
            val query = WorkQuerySpec.fromJson(Json.obj(params, "query"))
            subscriptions.remove(subscriptionId)?.close()
            subscriptions[subscriptionId] = port.observe(query) { infos ->
                emit(JSONObject().put("type", "workInfos").put("subscriptionId", subscriptionId).put("infos", wireInfos(infos)))
            }
            JSONObject()
        }
        "unsubscribe" -> {
            subscriptions.remove(Json.str(params, "subscriptionId"))?.close()
            JSONObject()
        }
        "completeRun" -> {
            val outcome = Json.obj(params, "outcome")
            val type = Json.str(outcome, "type")
            if (type !in setOf("success", "failure", "retry")) throw invalid("Unknown outcome type $type.")
            val output = if (type == "retry") emptyList() else DataCodec.encode(outcome.optJSONObject("outputData") ?: JSONObject(), "Output")
            checkSize(output, "Output")
            runs.complete(Json.str(params, "runId"), RunOutcome(type, output))
            JSONObject()
        }
        "setProgress" -> {
            val progress = DataCodec.encode(Json.obj(params, "progress"), "Progress")
            checkSize(progress, "Progress")
            runs.setProgress(Json.str(params, "runId"), progress)
            JSONObject()
        }
        "test.setAllConstraintsMet", "test.setInitialDelayMet", "test.setPeriodDelayMet" -> {
            val driver = testDriver ?: throw BridgeException(BridgeErrorCode.UNSUPPORTED, "test.* methods exist only in debug builds with work-testing.")
            val id = Json.str(params, "id").lowercase()
            when (method) {
                "test.setAllConstraintsMet" -> driver.setAllConstraintsMet(id)
                "test.setInitialDelayMet" -> driver.setInitialDelayMet(id)
                else -> driver.setPeriodDelayMet(id)
            }
            JSONObject()
        }
        else -> execute(method, params)
    }

    private fun hello(params: JSONObject): JSONObject {
        val versions = params.optJSONArray("protocolVersions") ?: JSONArray()
        if ((0 until versions.length()).none { versions.optInt(it) == Protocol.VERSION }) {
            throw BridgeException(BridgeErrorCode.PROTOCOL, "No common protocol version: JS offers $versions, native speaks ${Protocol.VERSION}.")
        }
        workerNames = Json.strings(params, "workerNames")
        val session = sessionId ?: UUID.randomUUID().toString().also { sessionId = it }
        return JSONObject().put("protocolVersion", Protocol.VERSION).put("sessionId", session)
            .put("sdkInt", sdkInt).put("capabilities", JSONArray(capabilities))
    }

    private fun execute(method: String, params: JSONObject): JSONObject {
        val plan = Planner.plan(method, params, HashMap<String, String?>().also { m -> levels.keys.forEach { m[it] = levelUnique[it] } })
        var last: OpResult = OpResult.Done
        for (op in plan.ops) last = port.execute(op)
        for ((levelId, unique) in plan.newLevels) {
            levels[levelId] = true
            if (unique != null) levelUnique[levelId] = unique
        }
        return when (method) {
            "enqueue", "enqueueUniqueWork", "enqueueChain" -> JSONObject().put("ids", JSONArray(plan.requestIds()))
            "enqueueUniquePeriodicWork" -> JSONObject().put("id", plan.requestIds().first())
            "updateWork" -> JSONObject().put("result", (last as OpResult.Update).result)
            "getWorkInfos" -> JSONObject().put("infos", wireInfos((last as OpResult.Infos).infos))
            "getWorkInfoById" -> JSONObject().put("info", (last as OpResult.Info).info?.let { WorkInfoMapper.toWire(it, sdkInt) } ?: JSONObject.NULL)
            "getLastCancelAllTimeMillis" -> JSONObject().put("millis", (last as OpResult.Millis).millis)
            else -> JSONObject()
        }
    }

    /**
     * Called by `JsWorker.startWork` (or a fake): registers the run and asks the host to start
     * JS for it. Returns the run id.
     */
    fun startRun(
        workId: String,
        tags: Set<String>,
        inputData: Map<String, Any?>,
        runAttemptCount: Int,
        generation: Int,
        handle: RunHandle,
    ): String {
        val runId = UUID.randomUUID().toString()
        val target = host
        if (target == null) {
            // No JS runtime can take the run (Capacitor without a WebView): fail fast, as documented.
            handle.complete(RunOutcome("failure", listOf(DataEntry(Protocol.ERROR_OUTPUT_KEY, "string", "HOST_UNAVAILABLE: no JS runtime is attached to run this work."))))
            return runId
        }
        runs.register(runId, handle)
        val workerName = tags.firstOrNull { it.startsWith(Protocol.WORKER_TAG_PREFIX) }?.removePrefix(Protocol.WORKER_TAG_PREFIX) ?: ""
        val request = JSONObject().put("runId", runId).put("workId", workId).put("workerName", workerName)
            .put("inputData", DataCodec.decode(inputData))
            .put("tags", JSONArray(tags.filter { !it.startsWith(Protocol.RESERVED_PREFIX) && it != Protocol.JS_WORKER_CLASS }.sorted()))
            .put("runAttemptCount", runAttemptCount).put("generation", generation)
        val event = envelope(JSONObject(request.toString()).put("type", "runRequested"))
        post(Runnable { target.dispatchRun(request.toString(), event.toString()) })
        return runId
    }

    /** Called by `JsWorker.onStopped`: forgets the run and tells JS to abort it. */
    fun stopRun(runId: String, stopReason: Int) {
        if (runs.stop(runId)) emit(JSONObject().put("type", "runStopped").put("runId", runId).put("stopReason", stopReason))
    }

    /**
     * The JS runtime was destroyed or reloaded (RN `invalidate`, Capacitor `handleOnDestroy`):
     * drop its subscriptions and require a new `hello`.
     */
    fun resetSession() {
        subscriptions.values.forEach { it.close() }
        subscriptions.clear()
        sessionId = null
        emit(JSONObject().put("type", "sessionReset"))
    }

    private fun emit(event: JSONObject) {
        val json = envelope(event).toString()
        post(Runnable { host?.emit(json) })
    }

    private fun envelope(event: JSONObject): JSONObject =
        event.put("v", Protocol.VERSION).put("seq", seq.incrementAndGet())

    private fun wireInfos(infos: List<WorkInfoRecord>): JSONArray =
        JSONArray().also { a -> infos.forEach { a.put(WorkInfoMapper.toWire(it, sdkInt)) } }

    private fun checkSize(entries: List<DataEntry>, what: String) {
        val size = DataCodec.sizeInBytes(entries)
        if (size > Protocol.MAX_DATA_BYTES) throw BridgeException(BridgeErrorCode.DATA_TOO_LARGE, "$what is $size bytes; the limit is ${Protocol.MAX_DATA_BYTES}.")
    }

    private fun errorEnvelope(id: Any, code: BridgeErrorCode, message: String, workErrorCode: String?): JSONObject {
        val error = JSONObject().put("code", code.name).put("message", message)
        if (workErrorCode != null) error.put("details", JSONObject().put("workErrorCode", workErrorCode))
        return JSONObject().put("v", Protocol.VERSION).put("id", id).put("ok", false).put("error", error)
    }
}
