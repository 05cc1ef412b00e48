package dev.workmanagerts.android.testing

import dev.workmanagerts.android.BridgeCore
import dev.workmanagerts.android.BridgeErrorCode
import dev.workmanagerts.android.BridgeException
import dev.workmanagerts.android.BuiltRequest
import dev.workmanagerts.android.DataCodec
import dev.workmanagerts.android.DataEntry
import dev.workmanagerts.android.OpResult
import dev.workmanagerts.android.PlanOp
import dev.workmanagerts.android.RunHandle
import dev.workmanagerts.android.RunOutcome
import dev.workmanagerts.android.TestDriverPort
import dev.workmanagerts.android.WorkInfoRecord
import dev.workmanagerts.android.WorkManagerPort
import dev.workmanagerts.android.WorkQuerySpec

/**
 * A small in-memory stand-in for androidx.work, for the JVM tests and the stdio harness. It is
 * deliberately simple (no timing, no constraints tracking, a simplified unique-work policy and
 * combine): it exists to exercise the bridge's serialization and routing, **not** WorkManager's
 * semantics, which only the on-device conformance run checks.
 */
class FakeWorkManagerPort : WorkManagerPort, TestDriverPort {
    lateinit var core: BridgeCore

    private class Work(
        var request: BuiltRequest,
        var state: String,
        val prerequisites: List<String>,
        var uniqueName: String?,
    ) {
        var output: Map<String, Any?> = emptyMap()
        var progress: Map<String, Any?> = emptyMap()
        var runAttemptCount = 0
        var generation = 0
        var stopReason = -256
        var runId: String? = null
    }

    private val works = LinkedHashMap<String, Work>()
    private val levels = HashMap<String, List<String>>()
    private val observers = ArrayList<Pair<WorkQuerySpec, (List<WorkInfoRecord>) -> Unit>>()
    private var lastCancelAll = 0L
    var now = 1_700_000_000_000L

    override fun execute(op: PlanOp): OpResult {
        val result = apply(op)
        notifyObservers()
        return result
    }

    private fun apply(op: PlanOp): OpResult {
        when (op) {
            is PlanOp.Enqueue -> op.requests.forEach { insert(it, emptyList(), null) }
            is PlanOp.EnqueueUniqueWork -> unique(op.uniqueName, op.policy, op.requests)
            is PlanOp.EnqueueUniquePeriodicWork -> unique(op.uniqueName, if (op.policy == "UPDATE") "KEEP" else op.policy, listOf(op.request))
            is PlanOp.BeginWith -> levels[op.levelId] = op.requests.map { insert(it, emptyList(), null) }
            is PlanOp.BeginUniqueWork -> levels[op.levelId] = unique(op.uniqueName, op.policy, op.requests)
            is PlanOp.Then -> {
                val parents = levels[op.parentLevelId] ?: throw IllegalArgumentException("unknown level")
                val name = parents.firstNotNullOfOrNull { works[it]?.uniqueName }
                levels[op.levelId] = op.requests.map { insert(it, parents, name) }
            }
            is PlanOp.Combine -> levels[op.levelId] = op.parentLevelIds.flatMap { levels[it].orEmpty() }
            is PlanOp.EnqueueContinuation -> Unit
            is PlanOp.UpdateWork -> {
                val work = works[op.request.id]
                    ?: throw BridgeException(BridgeErrorCode.INVALID_ARGUMENT, "No work with id ${op.request.id} exists.", "WORK_NOT_FOUND")
                if (work.state in FINISHED) return OpResult.Update("NOT_APPLIED")
                work.request = op.request
                work.generation++
                return OpResult.Update(if (work.state == "RUNNING") "APPLIED_FOR_NEXT_RUN" else "APPLIED_IMMEDIATELY")
            }
            is PlanOp.CancelWorkById -> cancel { it.request.id == op.id }
            is PlanOp.CancelAllWorkByTag -> cancel { op.tag in it.request.tags }
            is PlanOp.CancelUniqueWork -> cancel { it.uniqueName == op.uniqueName }
            PlanOp.CancelAllWork -> {
                lastCancelAll = now
                cancel { true }
            }
            PlanOp.PruneWork -> works.values.removeIf { it.state in FINISHED }
            is PlanOp.GetWorkInfos -> return OpResult.Infos(find(op.query))
            is PlanOp.GetWorkInfoById -> return OpResult.Info(works[op.id]?.let(::record))
            PlanOp.GetLastCancelAllTimeMillis -> return OpResult.Millis(lastCancelAll)
        }
        return OpResult.Done
    }

    private fun insert(request: BuiltRequest, prerequisites: List<String>, uniqueName: String?): String {
        val blocked = prerequisites.any { works[it]?.state != "SUCCEEDED" }
        works[request.id] = Work(request, if (blocked) "BLOCKED" else "ENQUEUED", prerequisites, uniqueName)
        return request.id
    }

    private fun unique(name: String, policy: String, requests: List<BuiltRequest>): List<String> {
        val existing = works.values.filter { it.uniqueName == name && it.state !in FINISHED }
        if (existing.isNotEmpty() && policy == "KEEP") return emptyList()
        if (policy == "REPLACE" || policy == "CANCEL_AND_REENQUEUE") cancel { it.uniqueName == name }
        val after = if (policy.startsWith("APPEND")) existing.map { it.request.id } else emptyList()
        return requests.map { insert(it, after, name) }
    }

    private fun cancel(which: (Work) -> Boolean) {
        for (work in works.values.filter { which(it) && it.state !in FINISHED }) {
            work.runId?.let { core.stopRun(it, 1) }
            work.runId = null
            work.state = "CANCELLED"
            cascade(work.request.id, "CANCELLED")
        }
    }

    private fun cascade(id: String, state: String) {
        for (dependent in works.values.filter { id in it.prerequisites && it.state == "BLOCKED" }) {
            dependent.state = state
            cascade(dependent.request.id, state)
        }
    }

    /** TestDriver: starts the work at once, handing the run to the bridge core as JsWorker would. */
    override fun setAllConstraintsMet(id: String) {
        val work = works[id] ?: throw IllegalArgumentException("Work $id is not enqueued.")
        if (work.state != "ENQUEUED") return
        work.state = "RUNNING"
        val attempt = work.runAttemptCount
        work.runAttemptCount++
        work.runId = core.startRun(id, work.request.tags.toSet(), DataCodec.toMap(work.request.inputData), attempt, work.generation, object : RunHandle {
            override val workId = id
            override fun complete(outcome: RunOutcome) = finish(work, outcome)
            override fun setProgress(progress: List<DataEntry>) {
                work.progress = DataCodec.toMap(progress)
                notifyObservers()
            }
        })
        notifyObservers()
    }

    override fun setInitialDelayMet(id: String) {
        if (id !in works) throw IllegalArgumentException("Work $id is not enqueued.")
    }

    override fun setPeriodDelayMet(id: String) {
        val work = works[id] ?: throw IllegalArgumentException("Work $id is not enqueued.")
        if (!work.request.periodic) throw IllegalArgumentException("Work $id is not periodic.")
    }

    private fun finish(work: Work, outcome: RunOutcome) {
        work.runId = null
        work.progress = emptyMap()
        when {
            outcome.type == "retry" -> work.state = "ENQUEUED"
            work.request.periodic -> {
                work.state = "ENQUEUED"
                work.runAttemptCount = 0
            }
            outcome.type == "success" -> {
                work.state = "SUCCEEDED"
                work.output = DataCodec.toMap(outcome.outputData)
                for (d in works.values.filter { it.state == "BLOCKED" && it.prerequisites.all { p -> works[p]?.state == "SUCCEEDED" } }) d.state = "ENQUEUED"
            }
            else -> {
                work.state = "FAILED"
                work.output = DataCodec.toMap(outcome.outputData)
                cascade(work.request.id, "FAILED")
            }
        }
        notifyObservers()
    }

    override fun observe(query: WorkQuerySpec, listener: (List<WorkInfoRecord>) -> Unit): AutoCloseable {
        val entry = query to listener
        observers += entry
        listener(find(query))
        return AutoCloseable { observers.remove(entry) }
    }

    private fun notifyObservers() {
        for ((query, listener) in observers.toList()) listener(find(query))
    }

    private fun find(q: WorkQuerySpec): List<WorkInfoRecord> = works.values.filter { w ->
        (q.ids.isEmpty() || w.request.id in q.ids) &&
            (q.tags.isEmpty() || q.tags.any { it in w.request.tags }) &&
            (q.uniqueNames.isEmpty() || w.uniqueName in q.uniqueNames) &&
            (q.states.isEmpty() || w.state in q.states)
    }.map(::record)

    private fun record(w: Work) = WorkInfoRecord(
        id = w.request.id,
        state = w.state,
        tags = (w.request.tags + dev.workmanagerts.android.Protocol.JS_WORKER_CLASS).toSet(),
        outputData = w.output,
        progress = w.progress,
        runAttemptCount = w.runAttemptCount,
        generation = w.generation,
        initialDelayMillis = w.request.initialDelayMs,
        nextScheduleTimeMillis = if (w.state == "ENQUEUED") now + w.request.initialDelayMs else Long.MAX_VALUE,
        periodicity = if (w.request.periodic) w.request.repeatIntervalMs to w.request.flexMs else null,
        constraints = w.request.constraints,
        stopReason = w.stopReason,
    )

    private companion object {
        val FINISHED = setOf("SUCCEEDED", "FAILED", "CANCELLED")
    }
}
