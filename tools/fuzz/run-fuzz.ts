// `npm run fuzz`: the API's own OpenAPI fuzzer (apps/api/src/testing/fuzz) for FUZZ_RUNS requests
// (10,000 by default) against the built API (role all, production settings) and sandbox, started
// here on loopback like the benchmarks, on a database and Redis database of the fuzzer's own,
// emptied first. Prints the count, the statuses per operation and every failure; exits 1 on any.
//   FUZZ_SEED=n replays a run; FUZZ_DATABASE_URL / FUZZ_REDIS_URL choose where it runs
//   (default: caseyos_fuzz and Redis database 3); FUZZ_SKIP_BUILD=1 uses dist/ as it is.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { recreateDatabase } from '../../apps/api/src/testing/fuzz/fuzz-database';
import { describeFailure, fuzzApi, summarize } from '../../apps/api/src/testing/fuzz/openapi-fuzzer';

const root = process.cwd(); // npm runs scripts from the repository root
const TOKEN = 'fuzz-operator-token-0123456789abcdef';
const logDir = join(root, '.data', 'fuzz');

function serviceEnv(): Record<string, string> {
  const out = execFileSync('bash', [join(root, 'tools/services.sh'), 'env'], { encoding: 'utf8' });
  return Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((match) => [match[1], match[2]]));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a built entry point; resolves once `ready` answers, its output kept in .data/fuzz/<name>.log. */
async function start(name: string, entry: string, env: Record<string, string>, ready: () => Promise<boolean>): Promise<ChildProcess> {
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn(process.execPath, [entry], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}; see .data/fuzz/${name}.log`);
    if (await ready()) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new Error(`${name} did not start within 60 s; see .data/fuzz/${name}.log`);
}

const answers = (url: string) => () =>
  fetch(url).then(
    (res) => res.ok,
    () => false,
  );

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<number> {
  execFileSync('bash', [join(root, 'tools/services.sh'), 'up'], { stdio: 'inherit' });
  if (process.env.FUZZ_SKIP_BUILD !== '1') execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'sandbox'], { cwd: root, stdio: 'inherit' });
  const env = serviceEnv();
  const databaseUrl = process.env.FUZZ_DATABASE_URL ?? env.DATABASE_URL.replace(/\/[^/]*$/, '/caseyos_fuzz');
  const redisUrl = process.env.FUZZ_REDIS_URL ?? `${env.REDIS_URL}/3`;
  const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

  await recreateDatabase(databaseUrl);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  await redis.flushdb();
  await redis.quit();
  mkdirSync(logDir, { recursive: true });

  let sandbox: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  try {
    const sandboxPort = await freePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    sandbox = await start(
      'sandbox',
      'dist/sandbox/apps/sandbox/src/main.js',
      { SANDBOX_PORT: String(sandboxPort), SANDBOX_TICK_MS: '0', SANDBOX_LOG_LEVEL: 'warn' },
      answers(`${sandboxUrl}/_sandbox/health`),
    );
    const apiPort = await freePort();
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    api = await start(
      'api',
      'dist/api/apps/api/src/main.js',
      {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        SANDBOX_URL: sandboxUrl,
        ADMIN_TOKEN: TOKEN,
        ENCRYPTION_KEY: 'ab'.repeat(32),
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        ROLE: 'all',
        NODE_ENV: 'production',
        LOG_LEVEL: 'error', // a 5xx's stack lands in .data/fuzz/api.log
        RATE_LIMIT_MAX: '100000000',
        COOKIE_SECURE: 'false',
      },
      answers(`${baseUrl}/ready`),
    );

    console.log(`fuzzing ${baseUrl} with ${runs} requests or more (seed ${seed})`);
    let reported = 0;
    const report = await fuzzApi({
      baseUrl,
      operatorToken: TOKEN,
      runs,
      seed,
      onProgress: (sent, planned) => {
        if (sent - reported >= 1_000 || sent === planned) {
          reported = sent;
          console.log(`  ${sent} / ${planned}`);
        }
      },
    });
    console.log(summarize(report));
    for (const failure of report.failures) console.log(`\n${describeFailure(failure, TOKEN)}`);
    if (report.failures.length > 0) console.log(`\nThe API's log: .data/fuzz/api.log. Replay: FUZZ_SEED=${seed} npm run fuzz`);
    return report.failures.length > 0 ? 1 : 0;
  } finally {
    await stop(api);
    await stop(sandbox);
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`fuzz: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
