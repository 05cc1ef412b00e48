package dev.workmanagerts.android.rn

import android.app.Application
import com.facebook.react.ReactApplication
import com.facebook.react.ReactInstanceEventListener
import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.ReactContext
import com.facebook.react.jstasks.HeadlessJsTaskConfig
import com.facebook.react.jstasks.HeadlessJsTaskContext
import com.facebook.react.jstasks.HeadlessJsTaskEventListener
import dev.workmanagerts.android.BridgeCore
import dev.workmanagerts.android.HostRuntime
import dev.workmanagerts.android.WorkBridge
import org.json.JSONObject
import java.util.concurrent.ConcurrentHashMap

/**
 * The React Native [HostRuntime] (android-bridge.md §4.6): runs go to JS as a headless task
 * `WorkBridgeRun` (allowed in foreground, no timeout), starting React (new architecture
 * `ReactHost`) when the process was cold-started by WorkManager. Install once in
 * `MainApplication.onCreate`: `WorkBridgeReactHost.install(this)`.
 */
class WorkBridgeReactHost private constructor(private val application: Application, private val core: BridgeCore) : HostRuntime {
    private val runsByTask = ConcurrentHashMap<Int, String>()

    override fun emit(eventJson: String) {
        module?.sendEvent(eventJson)
    }

    override fun dispatchRun(runRequestJson: String, eventJson: String) {
        val reactHost = (application as ReactApplication).reactHost ?: return fail(runRequestJson)
        val context = reactHost.currentReactContext
        if (context != null) return startTask(context, runRequestJson)
        reactHost.addReactInstanceEventListener(object : ReactInstanceEventListener {
            override fun onReactContextInitialized(context: ReactContext) {
                reactHost.removeReactInstanceEventListener(this)
                startTask(context, runRequestJson)
            }
        })
        reactHost.start()
    }

    private fun startTask(context: ReactContext, runRequestJson: String) {
        val tasks = HeadlessJsTaskContext.getInstance(context)
        tasks.addTaskEventListener(listener(tasks))
        val data = Arguments.createMap()
        data.putString("runRequestJson", runRequestJson)
        val taskId = tasks.startTask(HeadlessJsTaskConfig(TASK_KEY, data, 0, true))
        runsByTask[taskId] = JSONObject(runRequestJson).getString("runId")
    }

    private fun listener(tasks: HeadlessJsTaskContext) = object : HeadlessJsTaskEventListener {
        override fun onHeadlessJsTaskStart(taskId: Int) = Unit

        override fun onHeadlessJsTaskFinish(taskId: Int) {
            tasks.removeTaskEventListener(this)
            runsByTask.remove(taskId)?.let { core.runs.finishedWithoutOutcome(it) }
        }
    }

    private fun fail(runRequestJson: String) = core.runs.finishedWithoutOutcome(JSONObject(runRequestJson).getString("runId"))

    companion object {
        /** The headless task key the JS side registers (src/hosts/react-native/register-headless-task.ts). */
        const val TASK_KEY = "WorkBridgeRun"

        @Volatile internal var module: WorkBridgeModule? = null

        @JvmStatic
        fun install(application: Application) {
            val core = WorkBridge.core(application)
            core.attach(WorkBridgeReactHost(application, core))
        }
    }
}
