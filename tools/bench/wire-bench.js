// Bytes on the wire (issue 12), with the API as `npm start` ships it: the dashboard's first load
// (index.html and every file it references, and the chunks those import), a repeat visit (what a
// browser asks again: conditional requests with the validators it got, nothing for files it may
// keep), and GET /api/command-queue/today?limit=50 with 50 moves. Counted per response: status
// line, headers and body as received, each on a connection of its own. Asked as a browser over
// HTTPS asks (Accept-Encoding: br, gzip) and as one over plain HTTP does (gzip, deflate: browsers
// offer Brotli on HTTPS only, and a self-hosted install often runs on plain HTTP).
// Then the same in Chromium (CHROMIUM_PATH, as the browser tests), which also fetches the chunks
// of the page it opens (sign-in for a new visitor, Today once signed in) and the page's API calls:
// bytes as the browser counts them (encodedDataLength), static files and API calls apart.
// Run alone beside other work: `WIRE_BENCH_PORT=4440 DATABASE_URL_BENCH=… REDIS_URL=… node tools/bench/wire-bench.js`
// (the API on that port, the sandbox on the next; the database's queue is emptied; needs the builds).
const { existsSync } = require('node:fs');
const { brotliDecompressSync, gunzipSync } = require('node:zlib');
const { chromium } = require('@playwright/test');
const { Client } = require('pg');
const { TOKEN, rawGet, serviceEnv, shippedSettings, startApi, startSandbox } = require('./bench-support');

const TARGETS = { firstLoad: 120_000, repeatVisit: 10_000, today: 15_000 };
const ENCODINGS = { 'HTTPS browser (br, gzip)': 'br, gzip', 'plain-HTTP browser (gzip, deflate)': 'gzip, deflate' };
const MOVES = 50;

function decoded(response) {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body).toString();
  if (encoding === 'gzip') return gunzipSync(response.body).toString();
  return response.body.toString();
}

/** What a file makes the browser fetch at once: index.html's links and scripts, a bundle's static imports, a stylesheet's url()s. */
function referencedFiles(path, text) {
  const patterns = path.endsWith('.html')
    ? [/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g]
    : path.endsWith('.css')
      ? [/url\(["']?([^"')]+)["']?\)/g]
      : [/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.\/[^"']+)["']/g]; // not import("…"): loaded later, by a route
  const base = new URL(path, 'http://x');
  return patterns
    .flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]))
    .filter((ref) => !/^(data:|https?:|\/\/)/.test(ref))
    .map((ref) => new URL(ref, base).pathname);
}

/** index.html at the printed URL, then everything it pulls in, once each. */
async function firstLoad(origin, acceptEncoding) {
  const fetched = new Map();
  const queue = ['/caseyos'];
  while (queue.length > 0) {
    const path = queue.shift();
    if (fetched.has(path)) continue;
    const response = await rawGet(origin + path, { 'accept-encoding': acceptEncoding });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    fetched.set(path, response);
    const type = response.headers['content-type'] ?? '';
    // /caseyos is index.html; the base href makes its references relative to /caseyos/.
    const asPath = path === '/caseyos' ? '/caseyos/index.html' : path;
    if (/html|javascript|css/.test(type)) queue.push(...referencedFiles(asPath, decoded(response)));
  }
  return fetched;
}

/** The same files again as a browser with them cached: fresh ones are not asked for, the rest conditionally. */
async function repeatVisit(origin, acceptEncoding, cached) {
  const responses = [];
  for (const [path, earlier] of cached) {
    const cacheControl = earlier.headers['cache-control'] ?? '';
    if (/\bimmutable\b/.test(cacheControl) || /max-age=[1-9]/.test(cacheControl)) continue;
    const headers = { 'accept-encoding': acceptEncoding };
    if (earlier.headers.etag) headers['if-none-match'] = earlier.headers.etag;
    if (earlier.headers['last-modified']) headers['if-modified-since'] = earlier.headers['last-modified'];
    responses.push(await rawGet(origin + path, headers));
  }
  return responses;
}

/** Today holds exactly MOVES open moves: the demo seed, topped up with copies of its moves. */
async function seedMoves(origin, databaseUrl) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('TRUNCATE command_queue_items CASCADE');
    const seeded = await fetch(`${origin}/api/command-queue/seed`, { method: 'POST', headers: { 'x-admin-token': TOKEN } });
    if (seeded.status !== 201) throw new Error(`seeding answered ${seeded.status}`);
    const openMoves = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM command_queue_items WHERE status IN ('pending', 'accepted', 'executing', 'failed')`)).rows[0].n;
    // Topped up with the demo's own moves once more (new ids, no seed key), so the list's text is realistic.
    for (let missing = MOVES - (await openMoves()); missing > 0; missing = MOVES - (await openMoves())) {
      await db.query(`CREATE TEMP TABLE copies AS SELECT * FROM command_queue_items WHERE status = 'pending' ORDER BY created_at LIMIT ${missing}`);
      await db.query(`UPDATE copies SET id = gen_random_uuid(), origin_key = NULL, signal_id = NULL, title = title || ' (again)'`);
      await db.query('INSERT INTO command_queue_items SELECT * FROM copies');
      await db.query('DROP TABLE copies');
    }
  } finally {
    await db.end();
  }
}

/** Bytes of each response Chromium received while opening the dashboard, first and again. */
async function browserVisits(origin, executablePath, signedIn) {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext();
    if (signedIn) await context.request.post(`${origin}/api/auth/session`, { data: { token: TOKEN } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map();
    let received = [];
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
    cdp.on('Network.loadingFinished', (event) => received.push({ url: urls.get(event.requestId), bytes: event.encodedDataLength }));
    const visits = [];
    for (const visit of ['first load', 'repeat visit']) {
      received = [];
      await page.goto(`${origin}/caseyos`, { waitUntil: 'networkidle' });
      const isApi = (url) => /\/(api|health|ready)\b/.test(new URL(url).pathname);
      const files = received.filter((response) => !isApi(response.url));
      const api = received.filter((response) => isApi(response.url));
      const total = (list) => list.reduce((sum, response) => sum + response.bytes, 0);
      visits.push({ visit, files: files.length, fileBytes: total(files), apiCalls: api.length, apiBytes: total(api) });
    }
    return visits;
  } finally {
    await browser.close();
  }
}

const sum = (responses) => responses.reduce((total, response) => total + response.wireBytes, 0);
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const verdict = (bytes, target) => (bytes <= target ? 'PASS' : 'FAIL');

module.exports = async function wireBenchmark(env) {
  const apiPort = Number(process.env.WIRE_BENCH_PORT ?? 3706);
  const sandboxPort = process.env.WIRE_BENCH_PORT ? apiPort + 1 : 3796;
  const origin = `http://127.0.0.1:${apiPort}`;
  const children = [];
  try {
    children.push(await startSandbox(sandboxPort));
    children.push(await startApi(env, apiPort, shippedSettings(`http://127.0.0.1:${sandboxPort}`)));
    await seedMoves(origin, env.DATABASE_URL_BENCH);
    const rows = [];
    for (const [client, acceptEncoding] of Object.entries(ENCODINGS)) {
      const first = await firstLoad(origin, acceptEncoding);
      const firstBytes = sum([...first.values()]);
      const uncompressed = [...first.values()].reduce((total, response) => total + Buffer.byteLength(decoded(response)), 0);
      rows.push({
        client,
        measure: 'dashboard first load',
        requests: first.size,
        'on the wire': kB(firstBytes),
        'bodies decoded': kB(uncompressed),
        target: `<= ${kB(TARGETS.firstLoad)}`,
        result: verdict(firstBytes, TARGETS.firstLoad),
      });

      const repeat = await repeatVisit(origin, acceptEncoding, first);
      const repeatBytes = sum(repeat);
      const statuses = repeat.map((response) => response.status).join(' ');
      rows.push({
        client,
        measure: `repeat visit (${statuses || 'no request'})`,
        requests: repeat.length,
        'on the wire': kB(repeatBytes),
        'bodies decoded': '',
        target: `<= ${kB(TARGETS.repeatVisit)}`,
        result: verdict(repeatBytes, TARGETS.repeatVisit),
      });

      // Twice, a second apart: today's list is cached for a second, and the copies were written behind the API's back.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await rawGet(`${origin}/api/command-queue/today?limit=${MOVES}`, { 'x-admin-token': TOKEN });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const today = await rawGet(`${origin}/api/command-queue/today?limit=${MOVES}`, { 'x-admin-token': TOKEN, 'accept-encoding': acceptEncoding });
      const moves = JSON.parse(decoded(today)).today_moves.length;
      if (moves !== MOVES) throw new Error(`today answered ${moves} moves, not ${MOVES}`);
      rows.push({
        client,
        measure: `GET /api/command-queue/today?limit=${MOVES} (${today.headers['content-encoding'] ?? 'identity'})`,
        requests: 1,
        'on the wire': kB(today.wireBytes),
        'bodies decoded': kB(Buffer.byteLength(decoded(today))),
        target: `<= ${kB(TARGETS.today)}`,
        result: verdict(today.wireBytes, TARGETS.today),
      });
    }
    console.log('\nBytes on the wire (response status line, headers and body), the API as npm start ships it:');
    console.table(rows);

    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(executablePath)) return console.log(`no Chromium at ${executablePath} (set CHROMIUM_PATH): browser figures skipped`);
    const browserRows = [];
    for (const [who, signedIn] of [
      ['new visitor (sign-in page)', false],
      ['signed in (Today)', true],
    ]) {
      for (const visit of await browserVisits(origin, executablePath, signedIn)) {
        const target = visit.visit === 'first load' ? TARGETS.firstLoad : TARGETS.repeatVisit;
        browserRows.push({
          who,
          visit: visit.visit,
          'files: responses': visit.files,
          'files: on the wire': kB(visit.fileBytes),
          target: `<= ${kB(target)}`,
          result: verdict(visit.fileBytes, target),
          'API calls': visit.apiCalls,
          'API: on the wire': kB(visit.apiBytes),
        });
      }
    }
    console.log("\nIn Chromium (br, gzip on loopback): files and the page's API calls, as the browser counts them:");
    console.table(browserRows);
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
};

if (require.main === module) {
  const { DATABASE_URL_BENCH, REDIS_URL } = process.env;
  const env = { ...serviceEnv(), ...(DATABASE_URL_BENCH && { DATABASE_URL_BENCH }), ...(REDIS_URL && { REDIS_URL }) };
  module.exports(env).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
