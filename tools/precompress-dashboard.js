// Run after `ng build` (the dashboard's build target): writes a Brotli (.br) and a gzip (.gz)
// copy beside every text file of the build, at the highest settings, so the API serves them as
// they are (@fastify/static `preCompressed`) instead of compressing on every request.
// Usage: node tools/precompress-dashboard.js <build dir>
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { extname, join, relative } = require('node:path');
const { brotliCompressSync, constants, gzipSync } = require('node:zlib');

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.map', '.webmanifest', '.xml']);

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && TEXT.has(extname(entry.name))) yield path;
  }
}

function precompress(dir) {
  let original = 0;
  let brotli = 0;
  let count = 0;
  for (const path of files(dir)) {
    const content = readFileSync(path);
    const variants = {
      '.br': brotliCompressSync(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
      '.gz': gzipSync(content, { level: constants.Z_BEST_COMPRESSION }),
    };
    for (const [suffix, compressed] of Object.entries(variants)) {
      // A tiny file can come out bigger; the server then sends the original.
      if (compressed.length < content.length) writeFileSync(path + suffix, compressed);
    }
    original += content.length;
    brotli += Math.min(variants['.br'].length, content.length);
    count += 1;
  }
  if (count === 0) throw new Error(`no text files under ${dir}: build the dashboard first`);
  const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log(`precompressed ${count} files in ${relative(process.cwd(), dir) || '.'}: ${kB(original)} -> ${kB(brotli)} (brotli)`);
}

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node tools/precompress-dashboard.js <build dir>');
  process.exit(2);
}
precompress(dir);
