// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
import com.google.common.util.concurrent.ListenableFuture;
public interface Operation {
  ListenableFuture<State.SUCCESS> getResult();
  abstract class State { public static final class SUCCESS extends State {} }
}
