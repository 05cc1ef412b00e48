package dev.workmanagerts.android.testing

import dev.workmanagerts.android.BridgeCore
import dev.workmanagerts.android.HostRuntime

/**
 * The cross-language harness (android-bridge.md §4.8, item 4): the real [BridgeCore] over a
 * [FakeWorkManagerPort], speaking NDJSON on stdin/stdout. Requests come in as lines; responses
 * and events go out as lines. A check of serialization and routing, not of WorkManager.
 */
fun main() {
    val out = System.out
    val lock = Any()
    fun write(line: String) = synchronized(lock) {
        out.println(line)
        out.flush()
    }
    val port = FakeWorkManagerPort()
    val core = BridgeCore(port, sdkInt = 34, capabilities = listOf("stopReason", "expedited", "test"), testDriver = port)
    port.core = core
    core.attach(object : HostRuntime {
        override fun emit(eventJson: String) = write(eventJson)
        override fun dispatchRun(runRequestJson: String, eventJson: String) = write(eventJson)
    })
    val input = System.`in`.bufferedReader()
    while (true) {
        val line = input.readLine() ?: break
        if (line.isBlank()) continue
        core.invoke(line) { write(it) }
    }
}
