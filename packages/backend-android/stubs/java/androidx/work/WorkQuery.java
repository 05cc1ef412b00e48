// Compile-only stub of androidx.work, written from the public API reference of work-runtime 2.10.0
// (the pinned version; see packages/backend-android/README.md). Never shipped, never run.
package androidx.work;
import java.util.List;
import java.util.UUID;
public final class WorkQuery {
  public static final class Builder {
    public static Builder fromIds(List<UUID> ids) { throw new RuntimeException("stub"); }
    public static Builder fromTags(List<String> tags) { throw new RuntimeException("stub"); }
    public static Builder fromUniqueWorkNames(List<String> uniqueWorkNames) { throw new RuntimeException("stub"); }
    public static Builder fromStates(List<WorkInfo.State> states) { throw new RuntimeException("stub"); }
    public Builder addIds(List<UUID> ids) { return this; }
    public Builder addTags(List<String> tags) { return this; }
    public Builder addUniqueWorkNames(List<String> uniqueWorkNames) { return this; }
    public Builder addStates(List<WorkInfo.State> states) { return this; }
    public WorkQuery build() { throw new RuntimeException("stub"); }
  }
}
