const preset = require('../../jest.preset.js');

// googleapis' HTTP layer (gaxios) loads node-fetch 3, an ES module, with a dynamic import().
// `npm test` runs Jest without --experimental-vm-modules, so those packages are transpiled to
// CommonJS like the preset already does for content-disposition.
const ESM_PACKAGES = ['content-disposition', 'gaxios', 'node-fetch', 'fetch-blob', 'formdata-polyfill', 'data-uri-to-buffer'];

module.exports = {
  ...preset,
  displayName: 'sandbox',
  rootDir: 'src',
  testMatch: ['**/*.spec.ts'],
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
