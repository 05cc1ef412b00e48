package dev.workmanagerts.android

import android.content.Context
import android.os.Build
import android.os.Handler
import android.os.Looper
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * The process-wide bridge: one [BridgeCore] over a [PlanExecutor], created on first use by a host
 * adapter or by `JsWorker` (a cold start by WorkManager). Host callbacks are posted to the main
 * looper; calls run on [executor], never on the main thread, because they await persistence.
 */
object WorkBridge {
    @Volatile private var instance: BridgeCore? = null

    /** Debug builds set this (work-testing's TestDriver) before first use to enable `test.*`. */
    @Volatile var testDriver: TestDriverPort? = null

    /** Where bridge calls run: they block on `Operation.getResult()`. */
    val executor: ExecutorService = Executors.newSingleThreadExecutor()

    fun core(context: Context): BridgeCore = instance ?: synchronized(this) {
        instance ?: create(context.applicationContext).also { instance = it }
    }

    /** What this device supports, reported by `hello`. */
    fun capabilities(sdkInt: Int): List<String> = listOfNotNull(
        "stopReason".takeIf { sdkInt >= 31 },
        "temporarilyUnmetered".takeIf { sdkInt >= 30 },
        "expedited".takeIf { sdkInt >= 31 },
        "contentUriTriggers".takeIf { sdkInt >= 24 },
        "test".takeIf { testDriver != null },
    )

    private fun create(context: Context): BridgeCore {
        val main = Handler(Looper.getMainLooper())
        val sdk = Build.VERSION.SDK_INT
        return BridgeCore(PlanExecutor(context), sdk, capabilities(sdk), testDriver) { main.post(it) }
    }
}
