package dev.workmanagerts.android

import org.json.JSONArray
import org.json.JSONObject

/** A WorkManager query (`WorkQuery.Builder`): components AND-ed, values OR-ed; empty = absent. */
data class WorkQuerySpec(val ids: List<String>, val tags: List<String>, val uniqueNames: List<String>, val states: List<String>) {
    fun toJson(): JSONObject = JSONObject().put("ids", JSONArray(ids)).put("tags", JSONArray(tags))
        .put("uniqueNames", JSONArray(uniqueNames)).put("states", JSONArray(states))

    companion object {
        private val STATES = setOf("ENQUEUED", "RUNNING", "SUCCEEDED", "FAILED", "BLOCKED", "CANCELLED")

        fun fromJson(o: JSONObject): WorkQuerySpec {
            val q = WorkQuerySpec(Json.strings(o, "ids").map { it.lowercase() }, Json.strings(o, "tags"), Json.strings(o, "uniqueNames"), Json.strings(o, "states"))
            q.states.firstOrNull { it !in STATES }?.let { throw invalid("Unknown state $it.", "INVALID_QUERY") }
            if (q.ids.isEmpty() && q.tags.isEmpty() && q.uniqueNames.isEmpty() && q.states.isEmpty()) {
                throw invalid("A query needs at least one non-empty component.", "INVALID_QUERY")
            }
            return q
        }
    }
}

/** One WorkManager call with its arguments: what the executor does, and nothing else. */
sealed class PlanOp {
    data class Enqueue(val requests: List<BuiltRequest>) : PlanOp()
    data class EnqueueUniqueWork(val uniqueName: String, val policy: String, val requests: List<BuiltRequest>) : PlanOp()
    data class EnqueueUniquePeriodicWork(val uniqueName: String, val policy: String, val request: BuiltRequest) : PlanOp()
    data class BeginWith(val levelId: String, val requests: List<BuiltRequest>) : PlanOp()
    data class BeginUniqueWork(val levelId: String, val uniqueName: String, val policy: String, val requests: List<BuiltRequest>) : PlanOp()
    data class Then(val levelId: String, val parentLevelId: String, val requests: List<BuiltRequest>) : PlanOp()
    data class Combine(val levelId: String, val parentLevelIds: List<String>) : PlanOp()
    data class EnqueueContinuation(val levelId: String) : PlanOp()
    data class UpdateWork(val request: BuiltRequest) : PlanOp()
    data class CancelWorkById(val id: String) : PlanOp()
    data class CancelAllWorkByTag(val tag: String) : PlanOp()
    data class CancelUniqueWork(val uniqueName: String) : PlanOp()
    object CancelAllWork : PlanOp()
    object PruneWork : PlanOp()
    data class GetWorkInfos(val query: WorkQuerySpec) : PlanOp()
    data class GetWorkInfoById(val id: String) : PlanOp()
    object GetLastCancelAllTimeMillis : PlanOp()

    /** The form contract/methods.json pins. */
    fun toJson(): JSONObject {
        val o = JSONObject().put("op", opName())
        fun reqs(list: List<BuiltRequest>) = JSONArray().also { a -> list.forEach { a.put(it.toJson()) } }
        when (this) {
            is Enqueue -> o.put("requests", reqs(requests))
            is EnqueueUniqueWork -> o.put("uniqueName", uniqueName).put("policy", policy).put("requests", reqs(requests))
            is EnqueueUniquePeriodicWork -> o.put("uniqueName", uniqueName).put("policy", policy).put("request", request.toJson())
            is BeginWith -> o.put("levelId", levelId).put("requests", reqs(requests))
            is BeginUniqueWork -> o.put("levelId", levelId).put("uniqueName", uniqueName).put("policy", policy).put("requests", reqs(requests))
            is Then -> o.put("levelId", levelId).put("parentLevelId", parentLevelId).put("requests", reqs(requests))
            is Combine -> o.put("levelId", levelId).put("parentLevelIds", JSONArray(parentLevelIds))
            is EnqueueContinuation -> o.put("levelId", levelId)
            is UpdateWork -> o.put("request", request.toJson())
            is CancelWorkById -> o.put("id", id)
            is CancelAllWorkByTag -> o.put("tag", tag)
            is CancelUniqueWork -> o.put("uniqueName", uniqueName)
            is GetWorkInfos -> o.put("query", query.toJson())
            is GetWorkInfoById -> o.put("id", id)
            CancelAllWork, PruneWork, GetLastCancelAllTimeMillis -> Unit
        }
        return o
    }

    private fun opName(): String = when (this) {
        is Enqueue -> "enqueue"
        is EnqueueUniqueWork -> "enqueueUniqueWork"
        is EnqueueUniquePeriodicWork -> "enqueueUniquePeriodicWork"
        is BeginWith -> "beginWith"
        is BeginUniqueWork -> "beginUniqueWork"
        is Then -> "then"
        is Combine -> "combine"
        is EnqueueContinuation -> "enqueueContinuation"
        is UpdateWork -> "updateWork"
        is CancelWorkById -> "cancelWorkById"
        is CancelAllWorkByTag -> "cancelAllWorkByTag"
        is CancelUniqueWork -> "cancelUniqueWork"
        CancelAllWork -> "cancelAllWork"
        PruneWork -> "pruneWork"
        is GetWorkInfos -> "getWorkInfos"
        is GetWorkInfoById -> "getWorkInfoById"
        GetLastCancelAllTimeMillis -> "getLastCancelAllTimeMillis"
    }
}

/** The WorkManager calls for one bridge method, plus the continuation levels it introduces. */
data class Plan(val ops: List<PlanOp>, val newLevels: Map<String, String?> = emptyMap()) {
    fun toJson(): JSONObject = JSONObject().put("ops", JSONArray().also { a -> ops.forEach { a.put(it.toJson()) } })

    /** Ids of every request the plan enqueues, in order: the `ids` result. */
    fun requestIds(): List<String> = ops.flatMap { op ->
        when (op) {
            is PlanOp.Enqueue -> op.requests.map { it.id }
            is PlanOp.EnqueueUniqueWork -> op.requests.map { it.id }
            is PlanOp.EnqueueUniquePeriodicWork -> listOf(op.request.id)
            is PlanOp.BeginWith -> op.requests.map { it.id }
            is PlanOp.BeginUniqueWork -> op.requests.map { it.id }
            is PlanOp.Then -> op.requests.map { it.id }
            else -> emptyList()
        }
    }
}

/**
 * Pure mapping from a bridge method and its params to a [Plan] (android-bridge.md §4.1): which
 * WorkManager calls, with which arguments. `knownLevels` maps continuation levels enqueued by
 * earlier calls to their unique name (or null), so `then` on them inherits it as androidx does.
 */
object Planner {
    private val UNIQUE_POLICIES = setOf("REPLACE", "KEEP", "APPEND", "APPEND_OR_REPLACE")
    private val PERIODIC_POLICIES = setOf("KEEP", "REPLACE", "UPDATE", "CANCEL_AND_REENQUEUE")

    fun plan(method: String, params: JSONObject, knownLevels: Map<String, String?> = emptyMap()): Plan = when (method) {
        "enqueue" -> Plan(listOf(PlanOp.Enqueue(nonEmpty(Json.objects(params, "requests") { RequestCodec.decode(it, null) }))))
        "enqueueUniqueWork" -> {
            val name = Json.str(params, "uniqueName")
            val policy = policy(params, UNIQUE_POLICIES)
            val requests = nonEmpty(Json.objects(params, "requests") { RequestCodec.decode(it, name) })
            requests.firstOrNull { it.periodic }?.let { throw invalid("Unique chains take one-time work only.", "INVALID_CONTINUATION") }
            Plan(listOf(PlanOp.EnqueueUniqueWork(name, policy, requests)))
        }
        "enqueueUniquePeriodicWork" -> {
            val name = Json.str(params, "uniqueName")
            val request = RequestCodec.decode(Json.obj(params, "request"), name)
            if (!request.periodic) throw invalid("enqueueUniquePeriodicWork takes a periodic request.")
            Plan(listOf(PlanOp.EnqueueUniquePeriodicWork(name, policy(params, PERIODIC_POLICIES), request)))
        }
        "enqueueChain" -> chain(params, knownLevels)
        "updateWork" -> Plan(listOf(PlanOp.UpdateWork(RequestCodec.decode(Json.obj(params, "request"), null))))
        "cancelWorkById" -> Plan(listOf(PlanOp.CancelWorkById(Json.str(params, "id").lowercase())))
        "cancelAllWorkByTag" -> Plan(listOf(PlanOp.CancelAllWorkByTag(Json.str(params, "tag"))))
        "cancelUniqueWork" -> Plan(listOf(PlanOp.CancelUniqueWork(Json.str(params, "uniqueName"))))
        "cancelAllWork" -> Plan(listOf(PlanOp.CancelAllWork))
        "pruneWork" -> Plan(listOf(PlanOp.PruneWork))
        "getWorkInfos" -> Plan(listOf(PlanOp.GetWorkInfos(WorkQuerySpec.fromJson(Json.obj(params, "query")))))
        "getWorkInfoById" -> Plan(listOf(PlanOp.GetWorkInfoById(Json.str(params, "id").lowercase())))
        "getLastCancelAllTimeMillis" -> Plan(listOf(PlanOp.GetLastCancelAllTimeMillis))
        else -> throw BridgeException(BridgeErrorCode.UNKNOWN_METHOD, "$method is not a planned WorkManager method.")
    }

    private fun chain(params: JSONObject, knownLevels: Map<String, String?>): Plan {
        val levels = Json.array(params, "levels")
        if (levels.length() == 0) throw invalid("enqueueChain needs at least one level.")
        val unique = HashMap(knownLevels)
        val ops = ArrayList<PlanOp>()
        val added = LinkedHashMap<String, String?>()
        var last = ""
        for (i in 0 until levels.length()) {
            val level = levels.getJSONObject(i)
            val levelId = Json.str(level, "levelId")
            if (unique.containsKey(levelId)) throw invalid("Level $levelId is already enqueued.")
            val parents = Json.strings(level, "parentLevelIds")
            parents.firstOrNull { !unique.containsKey(it) }?.let {
                throw invalid("Unknown parent level $it: it was enqueued in another app session; start a new chain.", "INVALID_CONTINUATION")
            }
            val u = level.optJSONObject("unique")
            val name: String? = when {
                u != null -> Json.str(u, "name")
                parents.size == 1 -> unique[parents[0]]
                else -> null
            }
            val requests = Json.objects(level, "requests") { RequestCodec.decode(it, name) }
            requests.firstOrNull { it.periodic }?.let { throw invalid("Chains take one-time work only.", "INVALID_CONTINUATION") }
            ops += when {
                parents.isEmpty() && u != null -> PlanOp.BeginUniqueWork(levelId, name!!, policy(u, UNIQUE_POLICIES), nonEmpty(requests))
                parents.isEmpty() -> PlanOp.BeginWith(levelId, nonEmpty(requests))
                parents.size == 1 && requests.isNotEmpty() -> PlanOp.Then(levelId, parents[0], requests)
                requests.isEmpty() -> PlanOp.Combine(levelId, parents)
                else -> throw invalid("A level with several parents is a combine and takes no requests.", "INVALID_CONTINUATION")
            }
            unique[levelId] = name
            added[levelId] = name
            last = levelId
        }
        ops += PlanOp.EnqueueContinuation(last)
        return Plan(ops, added)
    }

    private fun policy(o: JSONObject, allowed: Set<String>): String {
        val p = Json.str(o, "policy")
        if (p !in allowed) throw invalid("Unknown policy $p; use one of ${allowed.joinToString()}.")
        return p
    }

    private fun nonEmpty(list: List<BuiltRequest>): List<BuiltRequest> {
        if (list.isEmpty()) throw invalid("At least one request is needed.")
        return list
    }
}
