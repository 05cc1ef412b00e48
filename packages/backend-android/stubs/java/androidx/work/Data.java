// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
public final class Data {
  public static final Data EMPTY = null;
  public static final int MAX_DATA_BYTES = 10240;
  public java.util.Map<String, Object> getKeyValueMap() { throw new RuntimeException("stub"); }
  public static final class Builder {
    public Builder() {}
    public Builder putAll(java.util.Map<String, Object> values) { return this; }
    public Data build() { throw new RuntimeException("stub"); }
  }
}
