import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['source'] } },
  resolve: { conditions: ['source'] },
  test: {
    name: 'cli',
    include: ['test/**/*.test.ts'],
    // These tests start real processes and a browser: generous limits, never sleeps.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
