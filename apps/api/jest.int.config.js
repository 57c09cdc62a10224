// Integration tests boot the whole app on real PostgreSQL and Redis (see tools/test.sh).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-int',
  rootDir: 'src',
  testMatch: ['**/*.int-spec.ts'],
  // The restart tests run servers of their own, in a step of their own (jest.restart.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/restarts/'],
  testTimeout: 120000,
  maxWorkers: 1,
  // No forceExit: every suite closes what it opened (apps, queues, clients, child processes), so
  // the run ends on its own; a run that does not end names a leak to find, not to hide.
};
