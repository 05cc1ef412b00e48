import { buildKotlin } from './support/kotlin-build.js';

/**
 * Compiles the Kotlin side once before the test files run in parallel, so two files never run
 * kotlinc at the same time. A compile error is swallowed here and reported by the tests that
 * need the build (they call `buildKotlin()` again and fail with the compiler output).
 */
export default function setup(): void {
  try {
    buildKotlin();
  } catch {
    // reported by test/native/*.test.ts
  }
}
