// Shared by the benchmarks: services, the built API as a child process, and load helpers.
const { spawn, execFileSync } = require('node:child_process');
const http = require('node:http');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const autocannon = require('autocannon');

const root = join(__dirname, '..', '..');
const TOKEN = 'bench-operator-token-0123456789abcdef';

function serviceEnv() {
  const out = execFileSync('bash', [join(root, 'tools/services.sh'), 'env'], { encoding: 'utf8' });
  return Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
}

function start(command, args, env, readyPattern) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    // Only the last few kB are kept: an API logging every request would otherwise fill memory.
    const onData = (chunk) => {
      output = (output + chunk).slice(-8000);
      if (readyPattern.test(output)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${output.slice(-2000)}`)));
  });
}

/** The built API, role api, production settings, limits out of the way; `extra` overrides. */
function startApi(env, port, extra = {}) {
  return start(
    process.execPath,
    ['dist/api/apps/api/src/main.js'],
    {
      DATABASE_URL: env.DATABASE_URL_BENCH,
      REDIS_URL: env.REDIS_URL,
      ADMIN_TOKEN: TOKEN,
      ENCRYPTION_KEY: 'ab'.repeat(32),
      PORT: String(port),
      ROLE: 'api',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000000',
      COOKIE_SECURE: 'false',
      ...extra,
    },
    /listening on/,
  );
}

/**
 * `startApi` overrides for the configuration `npm start` ships: role all (API and workers in one
 * process), sandbox mode, development mode, request logging at info. Only the rate limit's
 * budget is raised, as no load test can stay under 1,200 requests a minute: every request is still
 * counted, a Redis round trip per lease of 50 counts.
 */
function shippedSettings(sandboxUrl) {
  return { ROLE: 'all', SANDBOX_URL: sandboxUrl, NODE_ENV: 'development', LOG_LEVEL: 'info' };
}

/** The built sandbox on `port`, ready once its health answers. */
async function startSandbox(port) {
  const child = spawn(process.execPath, ['dist/sandbox/apps/sandbox/src/main.js'], {
    cwd: root,
    env: { PATH: process.env.PATH, SANDBOX_PORT: String(port), SANDBOX_TICK_MS: '0', SANDBOX_LOG_LEVEL: 'warn', SANDBOX_HUBSPOT_RATE_LIMIT: '0' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`http://127.0.0.1:${port}/_sandbox/health`).then(
        (res) => res.ok,
        () => false,
      )
    )
      return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error('the sandbox did not start');
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_S = 100;

/** CPU time (user + system) a process has used so far, in ms; null where /proc is missing. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

/**
 * Loads `options.url` with autocannon after a short warm-up. Given the server's process, also
 * the CPU time it spent per request: unlike req/s, a figure other processes on the machine
 * barely move.
 */
async function load(name, options, server) {
  await autocannon({ ...options, connections: 4, duration: 2 }); // warm up pools and JIT
  const cpuBefore = server ? cpuMs(server.pid) : null;
  const result = await autocannon(options);
  const cpuAfter = server ? cpuMs(server.pid) : null;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  if (result.requests.total === 0) throw new Error(`${name}: no request finished in ${options.duration} s`);
  const cpuUsPerRequest = cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) * 1000) / result.requests.total);
  return { name, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, total: result.requests.total, cpuUsPerRequest };
}

/**
 * One GET on a connection of its own, the body as sent (no decompression). `wireBytes` counts
 * what the response put on the wire: status line, headers and body.
 */
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks), wireBytes: response.socket.bytesRead }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

module.exports = { root, TOKEN, serviceEnv, start, startApi, shippedSettings, startSandbox, load, rawGet, percentile };
