package dev.workmanagerts.android.capacitor

import com.getcapacitor.JSObject
import com.getcapacitor.Plugin
import com.getcapacitor.PluginCall
import com.getcapacitor.PluginMethod
import com.getcapacitor.annotation.CapacitorPlugin
import dev.workmanagerts.android.BridgeCore
import dev.workmanagerts.android.HostRuntime
import dev.workmanagerts.android.WorkBridge

/**
 * The Capacitor plugin (android-bridge.md §4.6): `invoke({requestJson})` → `{responseJson}`,
 * events as `event` listeners `{eventJson}`, and runs dispatched as `runRequested` events while
 * the WebView lives. **Limitation:** when the WebView is gone (app killed, WorkManager cold
 * start) no JS can run; runs then fail at once with `HOST_UNAVAILABLE` in `wm.error`.
 */
@CapacitorPlugin(name = "WorkBridge")
class WorkBridgePlugin : Plugin(), HostRuntime {
    private lateinit var core: BridgeCore

    override fun load() {
        core = WorkBridge.core(context)
        core.attach(this)
    }

    @PluginMethod
    fun invoke(call: PluginCall) {
        val requestJson = call.getString("requestJson") ?: return call.reject("invoke needs { requestJson }.")
        WorkBridge.executor.execute {
            core.invoke(requestJson) { call.resolve(JSObject().put("responseJson", it)) }
        }
    }

    override fun emit(eventJson: String) = notifyListeners("event", JSObject().put("eventJson", eventJson))

    override fun dispatchRun(runRequestJson: String, eventJson: String) = emit(eventJson)

    override fun handleOnDestroy() {
        core.resetSession()
        core.detach(this)
    }
}
