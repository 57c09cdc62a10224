// Outcome stats and the conversion funnel over 100,000 outcomes (40,000 executions in the last
// 90 days), 32 connections; target p99 <= 50 ms each. Compared in the same run with a bare Node
// http + pg server answering the cheapest query over the same rows (a count of outcomes by type).
const { Client } = require('pg');
const { TOKEN, start, startApi, load } = require('./bench-support');

const OUTCOMES = Number(process.env.BENCH_OUTCOMES ?? 100_000);
const EXECUTIONS = Math.round(OUTCOMES * 0.4);
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);

/** Moves, their succeeded executions spread over 90 days, and 2.5 outcomes each (replies, meetings, deals, silence). */
async function fillOutcomes(databaseUrl) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('TRUNCATE command_queue_items CASCADE');
    await db.query(
      `INSERT INTO command_queue_items (id, domain, action_type, title, status, aps, aps_breakdown, reasons, score_inputs, contact_email,
                                        created_at, updated_at, status_changed_at)
       SELECT md5('move' || g)::uuid, t.domain, t.action_type, 'Bench move ' || g, 'completed', 0.5, '{"base":0.5,"factors":[],"final":0.5}'::jsonb,
              '[]'::jsonb, '{}'::jsonb, 'contact' || (g % 9000) || '@bench.example.com', now(), now(), now()
         FROM generate_series(1, $1) AS g
        CROSS JOIN LATERAL (SELECT (ARRAY['sales','sales','sales','cs','marketing'])[1 + g % 5] AS domain,
                                   (ARRAY['send_email','book_meeting','create_task','renewal_outreach','social_post'])[1 + g % 5] AS action_type) t`,
      [EXECUTIONS],
    );
    await db.query(
      `INSERT INTO executions (id, item_id, domain, action_type, title, contact_email, status, dry_run, request_hash, attempts, actor,
                               created_at, started_at, finished_at, updated_at)
       SELECT md5('execution' || g)::uuid, m.id, m.domain, m.action_type, m.title, m.contact_email, 'succeeded', false, 'bench', 1, 'bench',
              at, at, at + interval '2 seconds', at
         FROM generate_series(1, $1) AS g
         JOIN command_queue_items m ON m.id = md5('move' || g)::uuid
        CROSS JOIN LATERAL (SELECT now() - (g % 90) * interval '1 day' - (g % 1440) * interval '1 minute' AS at) s`,
      [EXECUTIONS],
    );
    await db.query(
      `INSERT INTO outcome_events (id, item_id, execution_id, outcome_type, contact_email, detected_at, source, metadata, evidence_key, actor, created_at)
       SELECT gen_random_uuid(), e.item_id, e.id, o.type, e.contact_email, e.finished_at + (1 + n) * interval '3 hours', 'bench', '{}'::jsonb, 'bench' || n, 'bench', now()
         FROM executions e
        CROSS JOIN generate_series(0, 2) AS n
        CROSS JOIN LATERAL (SELECT (ARRAY['reply_received','positive_reply','meeting_booked','deal_advanced','no_response','task_completed','negative_reply'])
                                   [1 + (abs(hashtext(e.id::text)) + n) % 7] AS type) o
        WHERE n < 2 OR abs(hashtext(e.id::text)) % 2 = 0`,
    );
    // Vacuumed now rather than by autovacuum during the measurement (today-bench.js says why).
    for (const table of ['command_queue_items', 'executions', 'outcome_events']) await db.query(`VACUUM (ANALYZE) ${table}`);
    const { rows } = await db.query('SELECT (SELECT count(*) FROM outcome_events)::int AS outcomes, (SELECT count(*) FROM executions)::int AS executions');
    return rows[0];
  } finally {
    await db.end();
  }
}

/** What a request pays when the shared figures were just dropped (an outcome recorded): each `to` is a new question. */
async function coldMs(url, headers) {
  const times = [];
  for (let i = 1; i <= 5; i += 1) {
    const started = performance.now();
    const res = await fetch(`${url}?to=${encodeURIComponent(new Date(Date.now() - i * 1000).toISOString())}`, { headers });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    await res.arrayBuffer();
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[2]);
}

module.exports = async function outcomesBenchmark(env) {
  const apiPort = 3721;
  const barePort = 3722;
  const api = await startApi(env, apiPort);
  const counts = await fillOutcomes(env.DATABASE_URL_BENCH);
  const bare = await start(
    process.execPath,
    ['tools/bench/bare-outcome-counts-server.js'],
    { DATABASE_URL: env.DATABASE_URL_BENCH, PORT: String(barePort) },
    /ready/,
  );
  const headers = { 'x-admin-token': TOKEN };
  try {
    const coldStats = await coldMs(`http://127.0.0.1:${apiPort}/api/outcomes/stats`, headers);
    const coldFunnel = await coldMs(`http://127.0.0.1:${apiPort}/api/analytics/conversion-funnel`, headers);
    const results = [
      await load('GET /api/outcomes/stats (last 90 days)', {
        url: `http://127.0.0.1:${apiPort}/api/outcomes/stats`,
        headers,
        connections: CONNECTIONS,
        duration: DURATION_S,
      }),
      await load('GET /api/analytics/conversion-funnel (weekly, 90 days)', {
        url: `http://127.0.0.1:${apiPort}/api/analytics/conversion-funnel`,
        headers,
        connections: CONNECTIONS,
        duration: DURATION_S,
      }),
      await load('bare node http + pg: outcomes counted by type', { url: `http://127.0.0.1:${barePort}/`, connections: CONNECTIONS, duration: DURATION_S }),
    ];
    console.log(
      `\nOutcomes: ${counts.outcomes.toLocaleString('en-US')} outcomes of ${counts.executions.toLocaleString('en-US')} executions, ${CONNECTIONS} connections, ${DURATION_S} s each:`,
    );
    console.table(results.map((r) => ({ measure: r.name, 'p50 ms': r.p50, 'p99 ms': r.p99, 'req/s': Math.round(r.rps), requests: r.total })));
    console.log(`one computation (the first request after an outcome is recorded), median of 5: stats ${coldStats} ms, funnel ${coldFunnel} ms`);
    for (const r of results.slice(0, 2)) console.log(`target p99 <= 50 ms, ${r.name}: ${r.p99 <= 50 ? 'met' : 'NOT met'} (${r.p99} ms)`);
  } finally {
    api.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
};
