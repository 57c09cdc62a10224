// Shared Jest settings: SWC transpiles TypeScript (with decorator metadata for NestJS and TypeORM).
const path = require('path');

// ESM-only dependencies that Node 20 loads through require(esm) but Jest's CommonJS runtime cannot.
const ESM_PACKAGES = ['content-disposition'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(ts|js)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@caseyos/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
  },
};
