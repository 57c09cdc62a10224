// The contracts' pure functions (ranking, action effects), shared by the API and the dashboard.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'contracts',
  rootDir: 'src',
  testMatch: ['**/*.spec.ts'],
};
