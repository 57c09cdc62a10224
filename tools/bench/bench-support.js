// Shared by the benchmarks: services, the built API as a child process, and load helpers.
const { spawn, execFileSync } = require('node:child_process');
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
    const onData = (chunk) => {
      output += chunk;
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

async function load(name, options) {
  await autocannon({ ...options, connections: 4, duration: 2 }); // warm up pools and JIT
  const result = await autocannon(options);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  if (result.requests.total === 0) throw new Error(`${name}: no request finished in ${options.duration} s`);
  return { name, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, total: result.requests.total };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

module.exports = { root, TOKEN, serviceEnv, start, startApi, startSandbox, load, percentile };
