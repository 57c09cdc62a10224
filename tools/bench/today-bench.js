// Today's moves: 100,000 queue items, 32 connections, the API as `npm start` ships it (role all,
// sandbox mode, request logs, rate limit, compression), asked as a browser asks (operator token,
// Accept-Encoding: br, gzip). Targets: p99 <= 50 ms (issue 4), and at least half the requests per
// second of a bare Node http server sending the same bytes from memory (issue 12), measured in
// the same run; a bare Node http + pg server running the same ranking query is printed too.
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { TOKEN, rawGet, start, startApi, shippedSettings, startSandbox, load } = require('./bench-support');

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
  // Vacuumed now, not by autovacuum a few seconds into the first measurement: after a bulk insert
  // it takes a core for seconds, and the servers measured first would pay for it.
  await db.query('VACUUM (ANALYZE) command_queue_items');
  const { rows } = await db.query('SELECT count(*)::int AS n FROM command_queue_items');
  await db.end();
  return rows[0].n;
}

/** The body the API answers, as the client receives it, for the bare server to send. */
async function capture(url, headers, dir) {
  const res = await rawGet(url, headers);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const file = join(dir, 'today-body');
  writeFileSync(file, res.body);
  return {
    file,
    size: res.body.length,
    env: { BODY_FILE: file, CONTENT_TYPE: res.headers['content-type'], CONTENT_ENCODING: res.headers['content-encoding'] ?? '' },
  };
}

module.exports = async function todayBenchmark(env) {
  const apiPort = 3701;
  const barePort = 3702;
  const bytesPort = 3703;
  const sandboxPort = 3791;
  const dir = mkdtempSync(join(tmpdir(), 'caseyos-bench-'));
  const children = [];
  try {
    children.push(await startSandbox(sandboxPort));
    const api = await startApi(env, apiPort, shippedSettings(`http://127.0.0.1:${sandboxPort}`));
    children.push(api);
    const count = await fillQueue(env.DATABASE_URL_BENCH);
    const url = `http://127.0.0.1:${apiPort}/api/command-queue/today`;
    const headers = { 'x-admin-token': TOKEN, 'accept-encoding': 'br, gzip' };
    const sent = await capture(url, headers, dir);
    const bytes = await start(process.execPath, ['tools/bench/bare-bytes-server.js'], { ...sent.env, PORT: String(bytesPort) }, /ready/);
    children.push(bytes);
    const bare = await start(process.execPath, ['tools/bench/bare-today-server.js'], { DATABASE_URL: env.DATABASE_URL_BENCH, PORT: String(barePort) }, /ready/);
    children.push(bare);
    const ours = await load(
      'CaseyOS GET /api/command-queue/today (as npm start ships it)',
      { url, headers, connections: CONNECTIONS, duration: DURATION_S },
      api,
    );
    const fromMemory = await load(
      'bare node http, the same bytes from memory',
      { url: `http://127.0.0.1:${bytesPort}/`, headers, connections: CONNECTIONS, duration: DURATION_S },
      bytes,
    );
    const query = await load(
      'bare node http + pg, same query, uncompressed',
      { url: `http://127.0.0.1:${barePort}/`, connections: CONNECTIONS, duration: DURATION_S },
      bare,
    );
    console.log(`\nToday's moves with ${count.toLocaleString('en-US')} queue items, ${CONNECTIONS} connections, ${DURATION_S} s each:`);
    console.table(
      [ours, fromMemory, query].map((r) => ({
        server: r.name,
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        'req/s': Math.round(r.rps),
        requests: r.total,
        'CPU µs/req': r.cpuUsPerRequest,
      })),
    );
    const ratio = ours.rps / fromMemory.rps;
    console.log(`body: ${sent.env.CONTENT_ENCODING || 'identity'}, ${sent.size.toLocaleString('en-US')} bytes`);
    console.log(`ratio CaseyOS / same query bare: p99 ${(ours.p99 / query.p99).toFixed(2)}x, throughput ${(ours.rps / query.rps).toFixed(2)}x`);
    console.log(`target p99 <= 50 ms: ${ours.p99 <= 50 ? 'met' : 'NOT met'} (${ours.p99} ms)`);
    console.log(
      `target req/s >= half of the same bytes from memory: ${ratio >= 0.5 ? 'met' : 'NOT met'} (${Math.round(ours.rps)} / ${Math.round(fromMemory.rps)} = ${ratio.toFixed(2)})`,
    );
    if (ours.cpuUsPerRequest && fromMemory.cpuUsPerRequest)
      console.log(
        `CPU time per request, bare from memory / CaseyOS (moves less than req/s with other load on the machine): ${(fromMemory.cpuUsPerRequest / ours.cpuUsPerRequest).toFixed(2)}`,
      );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
};

module.exports.fillQueue = fillQueue;
