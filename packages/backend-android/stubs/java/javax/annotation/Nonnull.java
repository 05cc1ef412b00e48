// Compile-only stub (jsr305). Never shipped.
package javax.annotation;
public @interface Nonnull {}
