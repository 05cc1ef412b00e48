package dev.workmanagerts.harness

import androidx.test.core.app.ActivityScenario
import androidx.test.ext.junit.runners.AndroidJUnit4
import androidx.test.platform.app.InstrumentationRegistry
import org.junit.Assert.assertEquals
import org.junit.Assert.fail
import org.junit.Test
import org.junit.runner.RunWith
import java.io.BufferedReader
import java.io.InputStreamReader

/**
 * Launches the harness app, which runs the device scenarios through the real bridge against
 * androidx's test WorkManager, and reads the closing line `WMTS-CONFORMANCE N passed, N failed`
 * from logcat (tag ReactNativeJS). Every scenario line is echoed into the test output.
 */
@RunWith(AndroidJUnit4::class)
class ConformanceTest {
    @Test
    fun deviceScenariosPass() {
        val instrumentation = InstrumentationRegistry.getInstrumentation()
        instrumentation.uiAutomation.executeShellCommand("logcat -c").close()
        ActivityScenario.launch(MainActivity::class.java).use {
            val deadline = System.currentTimeMillis() + 180_000
            while (System.currentTimeMillis() < deadline) {
                val fd = instrumentation.uiAutomation.executeShellCommand("logcat -d -s ReactNativeJS:V")
                val lines = BufferedReader(InputStreamReader(android.os.ParcelFileDescriptor.AutoCloseInputStream(fd))).readLines()
                val closing = lines.firstOrNull { it.contains("WMTS-CONFORMANCE") }
                if (closing != null) {
                    lines.filter { it.contains("WMTS ") }.forEach { println(it) }
                    val failed = Regex("(\\d+) failed").find(closing)?.groupValues?.get(1)?.toInt()
                    assertEquals("scenario failures (see the WMTS FAIL lines): $closing", 0, failed)
                    return
                }
                Thread.sleep(500)
            }
            fail("The harness printed no WMTS-CONFORMANCE line within 180 s; check logcat for a JS error.")
        }
    }
}
