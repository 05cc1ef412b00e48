// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
public final class Constraints {
  public NetworkType getRequiredNetworkType() { throw new RuntimeException("stub"); }
  public boolean requiresCharging() { return false; }
  public boolean requiresBatteryNotLow() { return false; }
  public boolean requiresDeviceIdle() { return false; }
  public boolean requiresStorageNotLow() { return false; }
  public static final class Builder {
    public Builder() {}
    public Builder setRequiredNetworkType(NetworkType networkType) { return this; }
    public Builder setRequiresCharging(boolean requiresCharging) { return this; }
    public Builder setRequiresBatteryNotLow(boolean requiresBatteryNotLow) { return this; }
    public Builder setRequiresDeviceIdle(boolean requiresDeviceIdle) { return this; }
    public Builder setRequiresStorageNotLow(boolean requiresStorageNotLow) { return this; }
    public Constraints build() { throw new RuntimeException("stub"); }
  }
}
