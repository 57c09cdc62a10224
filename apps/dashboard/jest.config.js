// Unit tests of the dashboard's stores and services, in Node: Angular's TestBed runs them with
// its JIT compiler (no DOM; src/test-setup.ts stands in for the little they touch). SWC turns
// the TypeScript and Angular's ES module builds into CommonJS for Jest.
const path = require('path');

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  displayName: 'dashboard',
  rootDir: 'src',
  testEnvironment: 'node',
  testMatch: ['**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/test-setup.ts'],
  // Polls, debounces and toasts' timers move only when a test says so.
  fakeTimers: { enableGlobally: true, doNotFake: ['nextTick', 'queueMicrotask'] },
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    '^.+\\.mjs$': ['@swc/jest', { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'ecmascript' } } }],
  },
  // Angular (and its CDK) ship ES modules only.
  transformIgnorePatterns: ['/node_modules/(?!@angular/)'],
  moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
  moduleNameMapper: {
    '^@caseyos/contracts$': path.join(__dirname, '../../libs/contracts/src/index.ts'),
  },
};
