// Compile-only stub written from the public API reference. Never shipped, never run.
package androidx.concurrent.futures;
import com.google.common.util.concurrent.ListenableFuture;
public final class CallbackToFutureAdapter {
  public interface Resolver<T> { Object attachCompleter(Completer<T> completer) throws Exception; }
  public static <T> ListenableFuture<T> getFuture(Resolver<T> callback) { throw new RuntimeException("stub"); }
  public static final class Completer<T> {
    public boolean set(T value) { throw new RuntimeException("stub"); }
    public boolean setException(Throwable t) { throw new RuntimeException("stub"); }
    public boolean setCancelled() { throw new RuntimeException("stub"); }
    public void addCancellationListener(Runnable runnable, java.util.concurrent.Executor executor) {}
  }
}
