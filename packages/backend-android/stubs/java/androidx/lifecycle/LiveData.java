// Compile-only stub written from the public API reference. Never shipped, never run.
package androidx.lifecycle;
public abstract class LiveData<T> { public void observeForever(Observer<? super T> observer) {} public void removeObserver(Observer<? super T> observer) {} }
