// Scale-out (BENCH_ONLY=scale): form-webhook ingest on one api process, then spread over two,
// with two worker processes running throughout, as docs/SCALING.md runs them. Then checks that
// no webhook was stored twice and no signal got two moves, whichever process answered it.
const { Client } = require('pg');
const { TOKEN, start, startApi, load } = require('./bench-support');

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);

async function query(databaseUrl, sql, params = []) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows[0];
  } finally {
    await db.end();
  }
}

const reset = (databaseUrl) => query(databaseUrl, 'TRUNCATE signals, signal_dedupe_keys, command_queue_items CASCADE');

/**
 * Repeats of one webhook stored as several signals, signals with several moves, the totals, and
 * how many of the answered webhooks are stored (a request cut off at the end may be stored too).
 */
const duplicates = (databaseUrl, answered) =>
  query(
    databaseUrl,
    `SELECT (SELECT count(*) - count(DISTINCT payload_hash) FROM signals)::int AS signal_repeats,
            (SELECT count(*) - count(DISTINCT signal_id) FROM command_queue_items WHERE signal_id IS NOT NULL)::int AS move_repeats,
            (SELECT count(*) FROM signals)::int AS signals,
            (SELECT count(*) FROM command_queue_items)::int AS moves,
            (SELECT count(*) FROM signals WHERE contact_email = ANY($1))::int AS answered_stored`,
    [[...answered].map(emailOf)],
  );

const emailOf = (n) => `scale-${n}-${process.pid}@bench.example.com`;
const form = (n) => ({ form_name: 'Newsletter', fields: { email: emailOf(n), firstname: 'Bench', company: `Company ${n % 500}` } });

/**
 * Webhooks at 32 connections over `ports` (autocannon spreads the connections over the URLs).
 * Every tenth repeats one sent five before, likely through the other process.
 */
async function ingest(name, ports, firstN, server) {
  let counter = firstN;
  const answered = new Set();
  const next = () => {
    counter += 1;
    return counter % 10 === 0 ? counter - 5 : counter;
  };
  // Each connection remembers what it sent, to count only the webhooks answered.
  const setupClient = (client) => {
    let n = next();
    client.setBody(JSON.stringify(form(n)));
    client.on('response', () => {
      answered.add(n);
      n = next();
      client.setBody(JSON.stringify(form(n)));
    });
  };
  const result = await load(
    name,
    {
      url: ports.map((port) => `http://127.0.0.1:${port}/api/webhooks/hubspot/form-submission`),
      method: 'POST',
      headers: { 'x-admin-token': TOKEN, 'content-type': 'application/json' },
      connections: 32,
      duration: DURATION_S,
      setupClient,
    },
    server,
  );
  return { ...result, answered, lastN: counter };
}

/** The built worker entry (ROLE=worker), on the same database and Redis as the api processes. */
function startWorker(env) {
  return start(
    process.execPath,
    ['dist/api/apps/api/src/worker.js'],
    {
      DATABASE_URL: env.DATABASE_URL_BENCH,
      REDIS_URL: env.REDIS_URL,
      ADMIN_TOKEN: TOKEN,
      ENCRYPTION_KEY: 'ab'.repeat(32),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    /worker started/,
  );
}

module.exports = async function scaleBenchmark(env, ports = [3711, 3712]) {
  const children = [];
  try {
    // The first api process migrates the bench database before the others start on it.
    children.push(await startApi(env, ports[0]));
    children.push(...(await Promise.all([startApi(env, ports[1]), startWorker(env), startWorker(env)])));
    await reset(env.DATABASE_URL_BENCH);

    const single = await ingest('one api process', [ports[0]], 0, children[0]);
    const singleCheck = await duplicates(env.DATABASE_URL_BENCH, single.answered);
    await reset(env.DATABASE_URL_BENCH);
    const spread = await ingest('two api processes', ports, single.lastN);
    const spreadCheck = await duplicates(env.DATABASE_URL_BENCH, spread.answered);

    console.log(`\nScale-out, form webhook ingest, 32 connections, ~10% repeats, two workers running, ${DURATION_S} s each:`);
    console.table(
      [
        [single, singleCheck],
        [spread, spreadCheck],
      ].map(([run, check]) => ({
        measure: run.name,
        'req/s': Math.round(run.rps),
        'p50 ms': run.p50,
        'p99 ms': run.p99,
        'distinct answered': run.answered.size,
        signals: check.signals,
        moves: check.moves,
        'stored twice': check.signal_repeats,
        'second moves': check.move_repeats,
      })),
    );
    console.log(
      `two api processes: ${(spread.rps / single.rps).toFixed(2)}x the req/s of one (both share this machine's cores with Postgres, Redis and the load generator)`,
    );
    const clean = [
      [single, singleCheck],
      [spread, spreadCheck],
    ].every(([run, check]) => check.signal_repeats === 0 && check.move_repeats === 0 && check.answered_stored === run.answered.size);
    console.log(`no duplicate signal or move, every answered webhook stored: ${clean ? 'yes' : 'NO'}`);
    if (!clean) process.exitCode = 1;
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
};
