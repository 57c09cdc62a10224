// The API is compiled with tsc, which keeps the `@caseyos/contracts` import as written.
// A tiny package inside the build output lets Node resolve it to the compiled library
// without a runtime path-alias hook.
const fs = require('fs');
const path = require('path');

const outDir = path.resolve(process.argv[2] ?? 'dist/api');
const pkgDir = path.join(outDir, 'node_modules', '@caseyos', 'contracts');
fs.mkdirSync(pkgDir, { recursive: true });
fs.writeFileSync(
  path.join(pkgDir, 'package.json'),
  JSON.stringify({ name: '@caseyos/contracts', private: true, main: '../../../libs/contracts/src/index.js' }, null, 2),
);
