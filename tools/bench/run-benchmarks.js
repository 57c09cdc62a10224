// `npm run bench`: the performance targets of the issues, measured on loopback only.
// Today's moves: 100,000 queue items, 32 concurrent connections, p99 target <= 50 ms, compared
// with a bare Node http + pg server running the same ranking query in the same run.
const { spawn, execFileSync } = require('node:child_process');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');

const root = join(__dirname, '..', '..');
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const TOKEN = 'bench-operator-token-0123456789abcdef';

function serviceEnv() {
  const out = execFileSync('bash', [join(root, 'tools/services.sh'), 'env'], { encoding: 'utf8' });
  return Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
}

async function fillQueue(databaseUrl) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('TRUNCATE command_queue_items');
  // Realistic spread: most moves open, some finished; APS uniform; due dates around now.
  await db.query(
    `INSERT INTO command_queue_items
       (domain, action_type, title, status, aps, aps_breakdown, reasons, score_inputs, contact_email, company,
        due_at, created_at, updated_at, status_changed_at)
     SELECT d.domain, d.action_type, 'Bench move ' || g, s.status, round(random()::numeric, 4),
            '{"base":0.5,"factors":[],"final":0.5}'::jsonb, '["Bench reason one","Bench reason two"]'::jsonb, '{}'::jsonb,
            'contact' || g || '@bench.example.com', 'Company ' || (g % 5000),
            now() + (random() * 20 - 10) * interval '1 day', now() - random() * interval '30 days', now(), now()
       FROM generate_series(1, $1) AS g
       CROSS JOIN LATERAL (SELECT (ARRAY['sales','marketing','cs'])[1 + (g % 3)] AS domain,
                                  (ARRAY['send_email','content_repurpose','renewal_outreach'])[1 + (g % 3)] AS action_type) d
       CROSS JOIN LATERAL (SELECT CASE WHEN g % 10 < 6 THEN 'pending' WHEN g % 10 = 6 THEN 'accepted'
                                       WHEN g % 10 = 7 THEN 'completed' WHEN g % 10 = 8 THEN 'dismissed' ELSE 'snoozed' END AS status) s`,
    [ITEMS],
  );
  await db.query('ANALYZE command_queue_items');
  const { rows } = await db.query('SELECT count(*)::int AS n FROM command_queue_items');
  await db.end();
  return rows[0].n;
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

async function load(name, url, headers) {
  await autocannon({ url, connections: 4, duration: 2, headers }); // warm up pools and JIT
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { name, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, total: result.requests.total };
}

async function main() {
  execFileSync('bash', [join(root, 'tools/services.sh'), 'up'], { stdio: 'inherit' });
  const env = serviceEnv();
  const databaseUrl = env.DATABASE_URL_BENCH;
  execFileSync('npx', ['nx', 'run', 'api:build'], { cwd: root, stdio: 'inherit' });

  const apiPort = 3701;
  const api = await start(
    process.execPath,
    ['dist/api/apps/api/src/main.js'],
    { DATABASE_URL: databaseUrl, REDIS_URL: env.REDIS_URL, ADMIN_TOKEN: TOKEN, PORT: String(apiPort), ROLE: 'api', NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '100000000', COOKIE_SECURE: 'false' },
    /listening on/,
  );
  const count = await fillQueue(databaseUrl);
  const barePort = 3702;
  const bare = await start(process.execPath, ['tools/bench/bare-today-server.js'], { DATABASE_URL: databaseUrl, PORT: String(barePort) }, /ready/);
  try {
    console.log(`\nToday's moves with ${count.toLocaleString('en-US')} queue items, ${CONNECTIONS} connections, ${DURATION_S} s each:`);
    const results = [
      await load('CaseyOS GET /api/command-queue/today', `http://127.0.0.1:${apiPort}/api/command-queue/today`, { 'x-admin-token': TOKEN }),
      await load('bare node http + pg, same query', `http://127.0.0.1:${barePort}/`, {}),
    ];
    console.table(results.map((r) => ({ server: r.name, 'p50 ms': r.p50, 'p99 ms': r.p99, 'req/s': Math.round(r.rps), requests: r.total })));
    const [ours, baseline] = results;
    console.log(`ratio CaseyOS / bare: p99 ${(ours.p99 / baseline.p99).toFixed(2)}x, throughput ${(ours.rps / baseline.rps).toFixed(2)}x`);
    console.log(`target p99 <= 50 ms: ${ours.p99 <= 50 ? 'met' : 'NOT met'} (${ours.p99} ms)`);
  } finally {
    api.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
