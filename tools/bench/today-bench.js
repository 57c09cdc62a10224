// Today's moves: 100,000 queue items, 32 connections; target p99 <= 50 ms. Compared with a bare
// Node http + pg server running the same ranking query in the same run.
const { Client } = require('pg');
const { TOKEN, start, startApi, load } = require('./bench-support');

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);

async function fillQueue(databaseUrl) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('TRUNCATE command_queue_items CASCADE');
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

module.exports = async function todayBenchmark(env) {
  const apiPort = 3701;
  const barePort = 3702;
  const api = await startApi(env, apiPort);
  const count = await fillQueue(env.DATABASE_URL_BENCH);
  const bare = await start(process.execPath, ['tools/bench/bare-today-server.js'], { DATABASE_URL: env.DATABASE_URL_BENCH, PORT: String(barePort) }, /ready/);
  try {
    const results = [
      await load('CaseyOS GET /api/command-queue/today', {
        url: `http://127.0.0.1:${apiPort}/api/command-queue/today`,
        headers: { 'x-admin-token': TOKEN },
        connections: CONNECTIONS,
        duration: DURATION_S,
      }),
      await load('bare node http + pg, same query', { url: `http://127.0.0.1:${barePort}/`, connections: CONNECTIONS, duration: DURATION_S }),
    ];
    console.log(`\nToday's moves with ${count.toLocaleString('en-US')} queue items, ${CONNECTIONS} connections, ${DURATION_S} s each:`);
    console.table(results.map((r) => ({ server: r.name, 'p50 ms': r.p50, 'p99 ms': r.p99, 'req/s': Math.round(r.rps), requests: r.total })));
    const [ours, baseline] = results;
    console.log(`ratio CaseyOS / bare: p99 ${(ours.p99 / baseline.p99).toFixed(2)}x, throughput ${(ours.rps / baseline.rps).toFixed(2)}x`);
    console.log(`target p99 <= 50 ms: ${ours.p99 <= 50 ? 'met' : 'NOT met'} (${ours.p99} ms)`);
  } finally {
    api.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
};
