package dev.workmanagerts.android.harness

import android.content.Context
import androidx.work.testing.WorkManagerTestInitHelper
import dev.workmanagerts.android.TestDriverPort
import dev.workmanagerts.android.WorkBridge
import java.util.UUID

/**
 * Debug/instrumentation only: initialises androidx's test WorkManager (SynchronousExecutor) and
 * puts work-testing's `TestDriver` behind the bridge's `test.*` methods, so the conformance
 * suite's driver verbs reach the real WorkManager (spec/workmanager-spec.md §16).
 */
class WorkTestingDriver private constructor(private val context: Context) : TestDriverPort {
    private val driver get() = WorkManagerTestInitHelper.getTestDriver(context)

    override fun setAllConstraintsMet(id: String) = driver.setAllConstraintsMet(UUID.fromString(id))
    override fun setInitialDelayMet(id: String) = driver.setInitialDelayMet(UUID.fromString(id))
    override fun setPeriodDelayMet(id: String) = driver.setPeriodDelayMet(UUID.fromString(id))

    companion object {
        /** Call before anything touches [WorkBridge] (the test app's `Application.onCreate`). */
        @JvmStatic
        fun install(context: Context) {
            WorkManagerTestInitHelper.initializeTestWorkManager(context)
            WorkBridge.testDriver = WorkTestingDriver(context.applicationContext)
        }
    }
}
