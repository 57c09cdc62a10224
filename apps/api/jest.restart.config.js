// Restart tests (`restarts/`): the built api, worker and sandbox as processes on a Postgres and a
// Redis of their own, which the tests stop and restart under load (docs/TESTING.md).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-restart',
  rootDir: 'src',
  testMatch: ['<rootDir>/restarts/**/*.int-spec.ts'],
  testTimeout: 180000,
  maxWorkers: 1,
};
