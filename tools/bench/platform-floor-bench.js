// Where a request's CPU goes below the app (issue 12): Today's body (100,000 moves in the queue,
// filled as today-bench.js fills it; the 50 the API answers, Brotli as it sends them) served by a
// bare Node http server, by bare Fastify, by Fastify with each piece of the app's HTTP platform
// alone (platform-pieces-server.js: the app's own built hooks) and with all of them, and by the
// API's Today as `npm start` ships it (role all). Variants are loaded in turn, in
// BENCH_FLOOR_ROUNDS rounds (default 3) of BENCH_DURATION_S (default 4 s), and each figure is the
// least of its rounds: CPU µs per request of the server process, which other load on the machine
// only ever raises (on a shared 2-core machine a round can come out 50 % high).
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { TOKEN, load, rawGet, shippedSettings, start, startApi, startSandbox } = require('./bench-support');
const { fillQueue } = require('./today-bench');

const ROUNDS = Number(process.env.BENCH_FLOOR_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
const PIECES = ['compress', 'cookie', 'securityHeaders', 'standardHeaders', 'inFlight', 'inputGuard', 'rateLimit', 'requestLog', 'latencyMetric'];
const headers = { 'x-admin-token': TOKEN, 'accept-encoding': 'br, gzip' };

const least = (values) => Math.min(...values);

module.exports = async function platformFloorBenchmark(env) {
  const port = 3721;
  const dir = mkdtempSync(join(tmpdir(), 'caseyos-floor-'));
  const children = [];
  const cpu = new Map();
  let bodyBytes;
  try {
    children.push(await startSandbox(3722));
    const api = await startApi(env, 3723, shippedSettings('http://127.0.0.1:3722'));
    children.push(api);
    const todayUrl = 'http://127.0.0.1:3723/api/command-queue/today';
    await fillQueue(env.DATABASE_URL_BENCH);
    const plain = await rawGet(todayUrl, { 'x-admin-token': TOKEN });
    const brotli = await rawGet(todayUrl, headers);
    if (plain.status !== 200 || brotli.status !== 200 || brotli.headers['content-encoding'] !== 'br')
      throw new Error(`Today answered ${plain.status}, and ${brotli.status} ${brotli.headers['content-encoding']} to a Brotli client`);
    const body = { BODY_JSON_FILE: join(dir, 'today.json'), BODY_BR_FILE: join(dir, 'today.json.br') };
    writeFileSync(body.BODY_JSON_FILE, plain.body);
    writeFileSync(body.BODY_BR_FILE, brotli.body);
    bodyBytes = brotli.body.length;
    const servers = [
      {
        name: 'bare node http',
        script: 'tools/bench/bare-bytes-server.js',
        env: { BODY_FILE: body.BODY_BR_FILE, CONTENT_TYPE: 'application/json', CONTENT_ENCODING: 'br' },
      },
      { name: 'bare Fastify', pieces: '' },
      ...PIECES.map((piece) => ({ name: `Fastify + ${piece}`, pieces: piece })),
      { name: 'Fastify + all of them', pieces: 'all' },
    ];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const server of servers) {
        const script = server.script ?? 'tools/bench/platform-pieces-server.js';
        const child = await start(
          process.execPath,
          [script],
          { ...body, ...server.env, PIECES: server.pieces ?? '', REDIS_URL: env.REDIS_URL, PORT: String(port) },
          /ready/,
        );
        try {
          const path = server.script ? '/' : '/api/today';
          const result = await load(server.name, { url: `http://127.0.0.1:${port}${path}`, headers, connections: 32, duration: DURATION_S }, child);
          cpu.set(server.name, [...(cpu.get(server.name) ?? []), result.cpuUsPerRequest]);
        } finally {
          child.kill('SIGTERM');
          await new Promise((resolve) => child.once('exit', resolve));
        }
      }
      const today = await load('today', { url: todayUrl, headers, connections: 32, duration: DURATION_S }, api);
      cpu.set('CaseyOS Today (npm start)', [...(cpu.get('CaseyOS Today (npm start)') ?? []), today.cpuUsPerRequest]);
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  const fastify = least(cpu.get('bare Fastify'));
  console.log(
    `\nCPU per request, the least of ${ROUNDS} rounds of ${DURATION_S} s at 32 connections (Today's body, ${bodyBytes.toLocaleString('en-US')} bytes Brotli):`,
  );
  console.table(
    [...cpu].map(([name, values]) => ({ server: name, 'CPU µs/req': least(values), 'over bare Fastify': least(values) - fastify, rounds: values.join(' ') })),
  );
};
