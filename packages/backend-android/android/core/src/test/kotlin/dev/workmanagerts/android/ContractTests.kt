package dev.workmanagerts.android

import dev.workmanagerts.android.testing.FakeWorkManagerPort
import org.json.JSONArray
import org.json.JSONObject
import java.io.File
import kotlin.system.exitProcess

/**
 * JVM tests of the pure native layers against the shared contract vectors (the contract/ JSON files) plus
 * the run/session state machine. A plain main (no JUnit on this machine kind): prints one line
 * per failure and the closing `N passed, N failed`, and exits non-zero on any failure.
 */
private var passed = 0
private val failures = ArrayList<String>()

private fun check(name: String, body: () -> Unit) {
    try {
        body()
        passed++
    } catch (e: Throwable) {
        failures += "$name: $e"
    }
}

private fun expectSame(actual: Any?, expected: Any?) {
    if (!Json.same(actual, expected)) throw AssertionError("\n  expected $expected\n  actual   $actual")
}

private fun <T> JSONArray.each(read: (JSONObject) -> T): List<T> = (0 until length()).map { read(getJSONObject(it)) }

private fun record(o: JSONObject) = WorkInfoRecord(
    id = o.getString("id"),
    state = o.getString("state"),
    tags = (0 until o.getJSONArray("tags").length()).map { o.getJSONArray("tags").getString(it) }.toSet(),
    outputData = DataCodec.toMap(DataCodec.entriesFromJson(o.getJSONArray("outputData"))),
    progress = DataCodec.toMap(DataCodec.entriesFromJson(o.getJSONArray("progress"))),
    runAttemptCount = o.getInt("runAttemptCount"),
    generation = o.getInt("generation"),
    initialDelayMillis = o.getLong("initialDelayMillis"),
    nextScheduleTimeMillis = o.getLong("nextScheduleTimeMillis"),
    periodicity = o.optJSONObject("periodicity")?.let { it.getLong("repeatIntervalMillis") to it.getLong("flexIntervalMillis") },
    constraints = ConstraintsSpec.fromJson(o.getJSONObject("constraints")),
    stopReason = o.getInt("stopReason"),
)

private class Harness {
    val port = FakeWorkManagerPort()
    val core = BridgeCore(port, 34, listOf("test"), port).also { port.core = it }
    val events = ArrayList<JSONObject>()
    val dispatched = ArrayList<JSONObject>()
    private var nextId = 1

    init {
        core.attach(object : HostRuntime {
            override fun emit(eventJson: String) {
                events += JSONObject(eventJson)
            }
            override fun dispatchRun(runRequestJson: String, eventJson: String) {
                dispatched += JSONObject(runRequestJson)
                events += JSONObject(eventJson)
            }
        })
    }

    fun raw(text: String): JSONObject {
        var reply = ""
        core.invoke(text) { reply = it }
        return JSONObject(reply)
    }

    fun call(method: String, params: JSONObject = JSONObject()): JSONObject =
        raw(JSONObject().put("v", 1).put("id", nextId++).put("method", method).put("params", params).toString())

    fun ok(method: String, params: JSONObject = JSONObject()): JSONObject {
        val r = call(method, params)
        if (!r.getBoolean("ok")) throw AssertionError("$method failed: $r")
        return r.getJSONObject("result")
    }

    fun hello() = ok("hello", JSONObject().put("protocolVersions", JSONArray(listOf(1))).put("workerNames", JSONArray(listOf("upload"))))
}

private fun errorCode(r: JSONObject): String = if (r.getBoolean("ok")) "ok" else r.getJSONObject("error").getString("code")

fun main(args: Array<String>) {
    val dir = File(args.firstOrNull() ?: "contract")
    fun read(name: String) = JSONObject(File(dir, name).readText())

    for (v in read("requests.json").getJSONArray("vectors").each { it }) {
        check("requests: ${v.getString("name")}") { expectSame(RequestCodec.decode(v.getJSONObject("wire"), null).toJson(), v.getJSONObject("plan")) }
    }
    for (v in read("methods.json").getJSONArray("vectors").each { it }) {
        check("methods: ${v.getString("name")}") {
            expectSame(Planner.plan(v.getString("method"), v.getJSONObject("params")).toJson(), v.getJSONObject("plan"))
        }
    }
    for (v in read("work-infos.json").getJSONArray("vectors").each { it }) {
        check("work-infos: ${v.getString("name")}") {
            val r = v.getJSONObject("record")
            expectSame(WorkInfoMapper.toWire(record(r), r.getInt("sdkInt")), v.getJSONObject("wire"))
        }
    }
    val data = read("data.json")
    for (v in data.getJSONArray("roundTrip").each { it }) {
        check("data: ${v.getString("name")}") {
            val entries = DataCodec.encode(v.getJSONObject("json"), "Input")
            expectSame(DataCodec.entriesToJson(entries), v.getJSONArray("androidx"))
            expectSame(DataCodec.sizeInBytes(entries), v.getInt("sizeInBytes"))
            expectSame(DataCodec.decode(DataCodec.toMap(entries)), v.getJSONObject("json"))
        }
    }
    for (v in data.getJSONArray("decodeOnly").each { it }) {
        check("data decode: ${v.getString("name")}") {
            expectSame(DataCodec.decode(DataCodec.toMap(DataCodec.entriesFromJson(v.getJSONArray("androidx")))), v.getJSONObject("json"))
        }
    }
    for (v in read("envelopes.json").getJSONArray("vectors").each { it }) {
        check("envelopes: ${v.getString("name")}") {
            val h = Harness()
            if (v.optBoolean("helloFirst", true)) h.hello()
            expectSame(errorCode(h.raw(v.getString("request"))), v.getJSONObject("response").getJSONObject("error").getString("code"))
        }
    }

    val id = "00000000-0000-4000-8000-000000000099"
    fun request(worker: String = "upload") = JSONObject(
        """{"id":"$id","workerName":"$worker","kind":"oneTime","inputData":{"n":1},"tags":["$worker"],"initialDelayMs":0,
           "constraints":{"network":"NOT_REQUIRED","requiresCharging":false,"requiresBatteryNotLow":false,"requiresDeviceIdle":false,"requiresStorageNotLow":false},
           "keepResultsForAtLeastMs":0,"inputMerger":"overwrite"}""",
    )
    fun enqueued(): Harness = Harness().also {
        it.hello()
        it.ok("enqueue", JSONObject().put("requests", JSONArray().put(request())))
    }

    check("a run is dispatched with the worker name from the reserved tag and completes once") {
        val h = enqueued()
        h.ok("test.setAllConstraintsMet", JSONObject().put("id", id))
        val run = h.dispatched.single()
        expectSame(run.getString("workerName"), "upload")
        expectSame(run.getJSONObject("inputData"), JSONObject().put("n", 1))
        expectSame(run.getJSONArray("tags"), JSONArray(listOf("upload")))
        val runId = run.getString("runId")
        h.ok("setProgress", JSONObject().put("runId", runId).put("progress", JSONObject().put("p", 5)))
        h.ok("completeRun", JSONObject().put("runId", runId).put("outcome", JSONObject().put("type", "success").put("outputData", JSONObject().put("url", "u"))))
        expectSame(errorCode(h.call("completeRun", JSONObject().put("runId", runId).put("outcome", JSONObject().put("type", "success")))), "UNKNOWN_RUN")
        val info = h.ok("getWorkInfoById", JSONObject().put("id", id)).getJSONObject("info")
        expectSame(info.getString("state"), "SUCCEEDED")
        expectSame(info.getJSONObject("outputData"), JSONObject().put("url", "u"))
    }
    check("a stopped run emits runStopped and a late completeRun gets UNKNOWN_RUN") {
        val h = enqueued()
        h.ok("test.setAllConstraintsMet", JSONObject().put("id", id))
        val runId = h.dispatched.single().getString("runId")
        h.ok("cancelWorkById", JSONObject().put("id", id))
        val stopped = h.events.single { it.getString("type") == "runStopped" }
        expectSame(stopped.getString("runId"), runId)
        expectSame(stopped.getInt("stopReason"), 1)
        expectSame(errorCode(h.call("completeRun", JSONObject().put("runId", runId).put("outcome", JSONObject().put("type", "success")))), "UNKNOWN_RUN")
    }
    check("a run finished without outcome fails with NO_OUTCOME") {
        val h = enqueued()
        h.ok("test.setAllConstraintsMet", JSONObject().put("id", id))
        h.core.runs.finishedWithoutOutcome(h.dispatched.single().getString("runId"))
        val info = h.ok("getWorkInfoById", JSONObject().put("id", id)).getJSONObject("info")
        expectSame(info.getString("state"), "FAILED")
        if (!info.getJSONObject("outputData").getString("wm.error").startsWith("NO_OUTCOME")) throw AssertionError(info.toString())
    }
    check("subscriptions send a snapshot at once and on change, until unsubscribed") {
        val h = enqueued()
        h.ok("subscribe", JSONObject().put("subscriptionId", "s1").put("query", JSONObject().put("ids", JSONArray(listOf(id)))))
        h.ok("cancelWorkById", JSONObject().put("id", id))
        h.ok("unsubscribe", JSONObject().put("subscriptionId", "s1"))
        h.ok("pruneWork")
        val snapshots = h.events.filter { it.getString("type") == "workInfos" }
        expectSame(snapshots.map { it.getJSONArray("infos").getJSONObject(0).getString("state") }, listOf("ENQUEUED", "CANCELLED"))
        val seqs = h.events.map { it.getLong("seq") }
        expectSame(seqs, (1L..seqs.size.toLong()).toList())
    }
    check("a session reset drops subscriptions and requires hello again") {
        val h = enqueued()
        h.ok("subscribe", JSONObject().put("subscriptionId", "s1").put("query", JSONObject().put("tags", JSONArray(listOf("upload")))))
        h.core.resetSession()
        expectSame(h.events.last().getString("type"), "sessionReset")
        expectSame(errorCode(h.call("cancelAllWork")), "NOT_READY")
        h.hello()
        h.ok("cancelAllWork")
        expectSame(h.events.count { it.getString("type") == "workInfos" }, 1)
    }
    check("a then() on a level enqueued by an earlier call inherits its unique name") {
        val h = Harness().also { it.hello() }
        val level = JSONObject().put("levelId", "A").put("parentLevelIds", JSONArray()).put("unique", JSONObject().put("name", "chain").put("policy", "KEEP"))
            .put("requests", JSONArray().put(request("a")))
        h.ok("enqueueChain", JSONObject().put("levels", JSONArray().put(level)))
        val child = request("b").put("id", "00000000-0000-4000-8000-000000000098")
        val next = JSONObject().put("levelId", "B").put("parentLevelIds", JSONArray(listOf("A"))).put("unique", JSONObject.NULL).put("requests", JSONArray().put(child))
        h.ok("enqueueChain", JSONObject().put("levels", JSONArray().put(next)))
        val infos = h.ok("getWorkInfos", JSONObject().put("query", JSONObject().put("uniqueNames", JSONArray(listOf("chain"))))).getJSONArray("infos")
        expectSame((0 until infos.length()).map { infos.getJSONObject(it).getString("state") }, listOf("ENQUEUED", "BLOCKED"))
        expectSame(errorCode(h.call("enqueueChain", JSONObject().put("levels", JSONArray().put(JSONObject(next.toString()).put("levelId", "C").put("parentLevelIds", JSONArray(listOf("Z"))))))), "INVALID_ARGUMENT")
    }
    check("test.* verbs are refused without a test driver") {
        val core = BridgeCore(FakeWorkManagerPort(), 34, emptyList())
        var reply = ""
        core.invoke("""{"v":1,"id":1,"method":"hello","params":{"protocolVersions":[1],"workerNames":[]}}""") {}
        core.invoke("""{"v":1,"id":2,"method":"test.setAllConstraintsMet","params":{"id":"$id"}}""") { reply = it }
        expectSame(errorCode(JSONObject(reply)), "UNSUPPORTED")
    }

    failures.forEach { println("FAIL $it") }
    println("${passed} passed, ${failures.size} failed")
    exitProcess(if (failures.isEmpty()) 0 else 1)
}
