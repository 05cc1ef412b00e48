import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['source'] } },
  resolve: { conditions: ['source'] },
  test: {
    name: 'backend-android',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The JVM checks compile Kotlin once (cached under .tmp/) and may take a minute cold.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
