package dev.workmanagerts.android.nativescript

import android.content.Context
import android.os.Handler
import android.os.Looper
import dev.workmanagerts.android.HostRuntime
import dev.workmanagerts.android.WorkBridge

/**
 * The NativeScript facade: a Java-style surface (static methods, one-method interfaces) that
 * NativeScript's generated bindings call directly, declared for TypeScript in
 * src/hosts/nativescript/work-bridge-facade.d.ts. All callbacks arrive on the main thread,
 * where NativeScript runs JS.
 */
object WorkBridgeFacade {
    /** Implemented in TypeScript: receives every event envelope, including `runRequested`. */
    interface EventSink {
        fun onEvent(eventJson: String)
    }

    /** Implemented in TypeScript: receives one response envelope. */
    interface ReplyCallback {
        fun onReply(responseJson: String)
    }

    private val main = Handler(Looper.getMainLooper())
    @Volatile private var host: HostRuntime? = null

    /** Call at bundle top level, before any worker can be started. */
    @JvmStatic
    fun install(context: Context, sink: EventSink) {
        val core = WorkBridge.core(context)
        host?.let { core.detach(it) }
        val runtime = object : HostRuntime {
            override fun emit(eventJson: String) = sink.onEvent(eventJson)
            override fun dispatchRun(runRequestJson: String, eventJson: String) = sink.onEvent(eventJson)
        }
        host = runtime
        core.attach(runtime)
    }

    @JvmStatic
    fun invoke(context: Context, requestJson: String, callback: ReplyCallback) {
        val core = WorkBridge.core(context)
        WorkBridge.executor.execute { core.invoke(requestJson) { reply -> main.post { callback.onReply(reply) } } }
    }
}
