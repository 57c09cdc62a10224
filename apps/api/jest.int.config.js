// Integration tests boot the whole app on real PostgreSQL and Redis (see tools/test.sh).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-int',
  rootDir: 'src',
  testMatch: ['**/*.int-spec.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
  // A handle leaked by a suite (an app whose shutdown hung) must not hang the whole run.
  forceExit: true,
};
