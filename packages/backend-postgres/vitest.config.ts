import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['source'] } },
  resolve: { conditions: ['source'] },
  test: {
    name: 'backend-postgres',
    include: ['test/**/*.test.ts'],
    // Every file talks to the one local PostgreSQL server; each test uses its own schema.
    testTimeout: 30_000,
  },
});
