// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work.testing;
import android.content.Context;
public final class WorkManagerTestInitHelper {
  public static void initializeTestWorkManager(Context context) {}
  public static TestDriver getTestDriver(Context context) { throw new RuntimeException("stub"); }
}
