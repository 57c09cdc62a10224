// Execute: 100 concurrent connections of dry runs and of real executes (Gmail drafts) against the
// sandbox with zero latency; targets p99 <= 100 ms (dry run) and <= 250 ms (execute). Compared in
// the same run with this machine's limits: the API's lightest authenticated read (the stack's
// floor), a bare node http + pg server doing the least a recorded dry run must (read the move,
// store a record), and the sandbox's own drafts.create (the ceiling of any execute that makes a
// draft).
const { randomUUID } = require('node:crypto');
const { Client } = require('pg');
const { TOKEN, start, startApi, startSandbox, load } = require('./bench-support');

const CONNECTIONS = 100;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
/** More moves than one run can execute: each real execute uses one up. */
const MOVES = Number(process.env.BENCH_EXECUTE_MOVES ?? 40_000);

async function fillMoves(databaseUrl) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('TRUNCATE command_queue_items CASCADE');
    await db.query(
      `INSERT INTO command_queue_items
         (domain, action_type, title, status, aps, aps_breakdown, reasons, score_inputs, contact_email, contact_name, company,
          action_params, due_at, created_at, updated_at, status_changed_at)
       SELECT 'sales', 'send_email', 'Reply to demo request ' || g, 'pending', 0.5, '{"base":0.5,"factors":[],"final":0.5}'::jsonb,
              '["Bench"]'::jsonb, '{}'::jsonb, 'contact' || g || '@bench.example.com', 'Bench Contact ' || g, 'Company ' || (g % 500),
              '{"rule":"form.demo_request","context":{"signal_kind":"demo_request","form_name":"Request a demo"}}'::jsonb,
              now() + interval '2 hours', now(), now(), now()
         FROM generate_series(1, $1) AS g`,
      [MOVES],
    );
    // Vacuumed now rather than by autovacuum during the measurement (today-bench.js says why).
    await db.query('VACUUM (ANALYZE) command_queue_items');
    return (await db.query('SELECT id FROM command_queue_items ORDER BY created_at, id')).rows.map((row) => row.id);
  } finally {
    await db.end();
  }
}

/** Each request gets the next move (real executes use each move once) and a fresh idempotency key. */
function cycling(ids, path) {
  let next = 0;
  return (request) => {
    const id = ids[next++ % ids.length];
    return { ...request, path: path(id), headers: { ...request.headers, 'x-idempotency-key': randomUUID() } };
  };
}

/** A Google access token from the sandbox's OAuth flow (it consents at once). */
async function googleToken(sandboxUrl) {
  const redirectUri = 'http://127.0.0.1/bench-callback';
  const consent = new URL(`${sandboxUrl}/o/oauth2/v2/auth`);
  consent.search = new URLSearchParams({
    client_id: 'bench',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'https://www.googleapis.com/auth/gmail.compose',
    state: 'bench',
  }).toString();
  const redirect = await fetch(consent, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location')).searchParams.get('code');
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'bench', client_secret: 'bench', redirect_uri: redirectUri });
  const tokens = await (await fetch(`${sandboxUrl}/token`, { method: 'POST', body: form })).json();
  return tokens.access_token;
}

async function bareDryRuns(env, ids) {
  const port = 3714;
  const bare = await start(process.execPath, ['tools/bench/bare-dry-run-server.js'], { DATABASE_URL: env.DATABASE_URL_BENCH, PORT: String(port) }, /ready/);
  try {
    let next = 0;
    return await load('bare node http + pg: read the move, store a record (machine limit)', {
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [{ setupRequest: (request) => ({ ...request, path: `/${ids[next++ % ids.length]}` }) }],
    });
  } finally {
    bare.kill('SIGTERM');
  }
}

async function sandboxDraftCreate(sandboxUrl) {
  const raw = Buffer.from('From: bench@example.com\r\nTo: someone@example.com\r\nSubject: Bench\r\n\r\nHello').toString('base64url');
  return load('sandbox drafts.create alone (ceiling)', {
    url: `${sandboxUrl}/gmail/v1/users/me/drafts`,
    method: 'POST',
    headers: { authorization: `Bearer ${await googleToken(sandboxUrl)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message: { raw } }),
    connections: CONNECTIONS,
    duration: DURATION_S,
  }).catch((error) => ({ name: 'sandbox drafts.create alone (ceiling)', error: error.message }));
}

module.exports = async function executeBenchmark(env) {
  const apiPort = 3704;
  const sandboxPort = 3794;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const sandbox = await startSandbox(sandboxPort);
  // What `npm start` ships (role all, sandbox mode), with the execution limits lifted: at the
  // defaults (10 emails an hour) a load test would measure the 429 path.
  const api = await startApi(env, apiPort, {
    ROLE: 'all',
    SANDBOX_URL: sandboxUrl,
    EXECUTION_LIMITS_PER_HOUR: 'send_email=100000000',
    EXECUTION_CONTACT_TOUCHES_PER_WEEK: '100000000',
  });
  try {
    const ids = await fillMoves(env.DATABASE_URL_BENCH);
    const headers = { 'x-admin-token': TOKEN };
    const dryRuns = await load('POST …/execute?dry_run=true', {
      url: `http://127.0.0.1:${apiPort}`,
      method: 'POST',
      headers,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [{ setupRequest: cycling(ids, (id) => `/api/command-queue/${id}/execute?dry_run=true`) }],
    });
    const executes = await load('POST …/execute (Gmail draft)', {
      url: `http://127.0.0.1:${apiPort}`,
      method: 'POST',
      headers,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [{ setupRequest: cycling(ids, (id) => `/api/command-queue/${id}/execute`) }],
    });
    // The stack's own floor: its lightest authenticated read (auth, rate limit, one query, JSON).
    const lightest = await load('GET /api/execution/guardrails (lightest authenticated read)', {
      url: `http://127.0.0.1:${apiPort}/api/execution/guardrails`,
      headers,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    const bare = await bareDryRuns(env, ids);
    const ceiling = await sandboxDraftCreate(sandboxUrl);
    console.log(`\nExecute, ${CONNECTIONS} connections, ${DURATION_S} s each, sandbox latency 0:`);
    console.table(
      [dryRuns, executes, lightest, bare, ceiling].map((r) =>
        r.error ? { measure: r.name, error: r.error } : { measure: r.name, 'p50 ms': r.p50, 'p99 ms': r.p99, 'req/s': Math.round(r.rps), requests: r.total },
      ),
    );
    console.log(`target dry run p99 <= 100 ms: ${dryRuns.p99 <= 100 ? 'met' : 'NOT met'} (${dryRuns.p99} ms)`);
    console.log(`target execute p99 <= 250 ms: ${executes.p99 <= 250 ? 'met' : 'NOT met'} (${executes.p99} ms)`);
  } finally {
    api.kill('SIGTERM');
    sandbox.kill('SIGTERM');
  }
};
