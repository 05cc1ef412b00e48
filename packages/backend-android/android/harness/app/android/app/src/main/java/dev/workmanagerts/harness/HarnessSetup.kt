package dev.workmanagerts.harness

import android.app.Application
import dev.workmanagerts.android.harness.WorkTestingDriver
import dev.workmanagerts.android.rn.WorkBridgeReactHost

/**
 * Call `HarnessSetup.install(this)` first thing in the generated `MainApplication.onCreate`
 * (before `loadReactNative(this)`): it swaps in androidx's test WorkManager
 * (SynchronousExecutor + TestScheduler) with its TestDriver behind the bridge's `test.*`
 * methods, then attaches the React Native host that starts headless runs.
 */
object HarnessSetup {
    @JvmStatic
    fun install(application: Application) {
        WorkTestingDriver.install(application)
        WorkBridgeReactHost.install(application)
    }
}
