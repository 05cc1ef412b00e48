/**
 * The one list of test projects. Vitest 4.1 ignores this file on its own, so the root
 * `vitest.config.ts` imports it into `test.projects` (see ../shared/TOOLCHAIN.md).
 */
export default [
  'packages/core',
  'packages/backend-node',
  'packages/backend-postgres',
  'packages/backend-android',
  'packages/cli',
  'examples/property-tests',
];
