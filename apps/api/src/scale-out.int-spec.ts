import { randomUUID } from 'node:crypto';
import { BeatResponse, ExecutionView, GuardrailsResponse, HEADERS, IngestResponse, QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bullConnectionFromUrl } from './platform/queues/redis-connection';
import { signV3 } from './signals/webhooks/hubspot-signature';
import { AppProcess } from './testing/app-process';
import { dropDatabase, recreateDatabase, siblingDatabaseUrl } from './testing/fuzz/fuzz-database';
import { OwnRedisServer, freePort } from './testing/redis-server';
import { SandboxControl } from './testing/sandbox-control';
import { SandboxProcess } from './testing/sandbox-process';
import { TEST_ADMIN_TOKEN, eventually, operatorHeaders } from './testing/test-app';

/**
 * The scale-out proof (docs/SCALING.md): two api and two worker processes of the built app on one
 * database and one Redis, as `docker compose up --scale worker=2` runs them. Its own database and
 * Redis server, so nothing another suite left (queued jobs, executions counted by the rate limit)
 * decides anything here.
 */
const PUBLIC_URL = 'http://caseyos.scale-out.test';
const WEBHOOK_SECRET = 'scale-out-webhook-secret';
const TICK_MS = 1000;
/** send_email executions per hour: small, so the queue test can fill the window. */
const SEND_EMAIL_LIMIT = 4;

let redis: OwnRedisServer;
let sandbox: SandboxProcess;
let sandboxControl: SandboxControl;
let databaseUrl: string;
let db: Client;
let apis: { process: AppProcess; url: string }[] = [];
let workers: AppProcess[] = [];

beforeAll(async () => {
  databaseUrl = siblingDatabaseUrl(process.env.DATABASE_URL as string, 'scale');
  [redis, sandbox] = await Promise.all([OwnRedisServer.start(), SandboxProcess.start(), recreateDatabase(databaseUrl)]);
  sandboxControl = new SandboxControl(sandbox.url);
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    RATE_LIMIT_MAX: '1000000',
    SANDBOX_URL: sandbox.url,
    // Behind a proxy every replica sees the URL HubSpot signed: the public one.
    PUBLIC_URL,
    HUBSPOT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    HEARTBEAT_EVERY_SECONDS: String(TICK_MS / 1000),
    EXECUTION_SWEEP_SECONDS: '1',
    EXECUTION_LIMITS_PER_HOUR: `send_email=${SEND_EMAIL_LIMIT}`,
  };
  const ports = [await freePort(), await freePort()];
  // All four at once, as replicas start: migrations run once under their lock.
  apis = ports.map((port) => ({ process: AppProcess.start('main.js', { ...env, ROLE: 'api', PORT: String(port) }), url: `http://127.0.0.1:${port}` }));
  workers = [1, 2].map(() => AppProcess.start('worker.js', { ...env, ROLE: 'worker' }));
  db = new Client({ connectionString: databaseUrl });
  await Promise.all([
    ...apis.map(({ process }) => process.printed('listening on')),
    ...workers.map((worker) => worker.printed('worker started')),
    db.connect(),
  ]);
}, 150_000);

afterAll(async () => {
  const exits = await Promise.all([...apis.map(({ process }) => process.stop()), ...workers.map((worker) => worker.stop())]);
  await Promise.all([db?.end(), sandbox?.stop(), redis?.stop()]);
  await dropDatabase(databaseUrl);
  // Each one shut down gracefully: none held the others up or hung on a shared resource.
  expect(exits).toEqual([0, 0, 0, 0]);
}, 60_000);

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function call<T = unknown>(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...operatorHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** A demo request as HubSpot sends it: signed (v3) for the public URL, a fresh timestamp on every try. */
async function webhook(baseUrl: string, rawBody: string): Promise<Answer<IngestResponse>> {
  const path = '/api/webhooks/hubspot/form-submission';
  const timestamp = String(Date.now());
  const signature = signV3(WEBHOOK_SECRET, { method: 'POST', url: PUBLIC_URL + path, rawBody, timestamp });
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
    body: rawBody,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as IngestResponse };
}

const demoRequest = (email: string) => JSON.stringify({ form_name: 'Request a demo', fields: { email, firstname: 'Dana', company: 'Northwind Analytics' } });
const newEmail = (label: string) => `${label}.${randomUUID().slice(0, 8)}@northwind.example.com`;

/** A fresh send_email move (a demo request's), through the first api process. */
async function newMove(): Promise<{ id: string; email: string }> {
  const email = newEmail('move');
  const answer = await webhook(apis[0].url, demoRequest(email));
  expect(answer.status).toBe(202);
  return { id: answer.body.move!.id, email };
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
}

const draftsOf = async (executionId: string) =>
  (await sandboxControl.state()).gmail.drafts.filter((draft) => draft.headers['X-CaseyOS-Execution'] === executionId);

describe('two api and two worker processes on one database and Redis', () => {
  it('each process reports its own heartbeat, seen by both api processes', async () => {
    for (const api of apis) {
      const beat = (await call<BeatResponse>(api.url, 'GET', '/health/beat')).body;
      const live = beat.processes.filter((process) => process.status === 'live');
      expect(live.map((process) => process.role).sort()).toEqual(['api', 'api', 'worker', 'worker']);
      expect(new Set(live.map((process) => process.id)).size).toBe(4);
    }
  });

  it('stores a webhook sent to both api processes, and retried, once with one move', async () => {
    const emails = Array.from({ length: 12 }, () => newEmail('scale'));
    // Each event four times at once: twice to each process, every try signed anew (a retry).
    const answers = await Promise.all(emails.map((email) => Promise.all([0, 1, 0, 1].map((i) => webhook(apis[i].url, demoRequest(email))))));
    for (const tries of answers) {
      expect(tries.map((answer) => answer.status)).toEqual([202, 202, 202, 202]);
      expect(new Set(tries.map((answer) => answer.body.signal_id)).size).toBe(1);
      expect(new Set(tries.map((answer) => answer.body.move?.id)).size).toBe(1);
      expect(tries.map((answer) => answer.body.move?.id)).not.toContain(undefined);
      expect(tries.filter((answer) => !answer.body.duplicate)).toHaveLength(1);
    }
    expect(await count('SELECT count(*) AS n FROM signals WHERE contact_email = ANY($1)', [emails])).toBe(emails.length);
    expect(await count('SELECT count(*) AS n FROM command_queue_items WHERE contact_email = ANY($1)', [emails])).toBe(emails.length);
  });

  it('streams a move created through one api process to the event stream of the other', async () => {
    const abort = new AbortController();
    const stream = await fetch(`${apis[1].url}/api/events`, { headers: operatorHeaders, signal: abort.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const heard = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += value;
      }
    })().catch(() => undefined);
    try {
      await eventually(async () => expect(received).toContain(': connected'), 10_000);
      const { id } = await newMove();
      await eventually(async () => expect(received).toMatch(new RegExp(`event: queue\\.item\\.created\\ndata: .*"id":"${id}"`)), 10_000);
    } finally {
      abort.abort();
      await heard;
    }
  });

  it('accepts a dashboard session signed in on one api process on the other', async () => {
    const signIn = await fetch(`${apis[0].url}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(signIn.status).toBe(201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrf_token: csrf } = (await signIn.json()) as { csrf_token: string };
    const { id } = await newMove();
    const dismissed = await fetch(`${apis[1].url}/api/command-queue/${id}/dismiss`, {
      method: 'POST',
      headers: { cookie, [HEADERS.csrfToken]: csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'not a fit' }),
    });
    expect(dismissed.status).toBe(200);
  });

  it('runs each tick of a scheduled job once across both workers', async () => {
    const schedules = [
      { name: SCHEDULED_JOBS.heartbeat, queue: new Queue(QUEUES.platform, { connection: bullConnectionFromUrl(redis.url) }) },
      { name: SCHEDULED_JOBS.executionSweep, queue: new Queue(QUEUES.executionSweep, { connection: bullConnectionFromUrl(redis.url) }) },
    ];
    try {
      const from = Date.now();
      const windowMs = 6 * TICK_MS;
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      const to = from + windowMs;
      // The slot a job was scheduled for; every one inside the window has run by now (or soon).
      const slotOf = (job: { timestamp: number; opts: { delay?: number } }) => job.timestamp + (job.opts.delay ?? 0);
      for (const { name, queue } of schedules) {
        const ticks = await eventually(async () => {
          const jobs = (await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'], 0, 1000)).filter(
            (job) => job.name === name && slotOf(job) >= from && slotOf(job) < to,
          );
          expect(jobs.every((job) => job.finishedOn !== undefined)).toBe(true);
          return jobs;
        }, 15_000);
        // Once per period: a tick run by each worker would make twice as many.
        expect(ticks.length).toBeGreaterThanOrEqual(windowMs / TICK_MS - 1);
        expect(ticks.length).toBeLessThanOrEqual(windowMs / TICK_MS + 1);
        expect(new Set(ticks.map(slotOf)).size).toBe(ticks.length);
        expect(ticks.every((job) => job.attemptsMade === 1 && job.failedReason === undefined)).toBe(true);
      }
      // And each tick's own record in Postgres moved on meanwhile.
      const beats = await db.query<{ name: string; last_success_at: Date }>('SELECT name, last_success_at FROM job_beats WHERE name = ANY($1)', [
        schedules.map(({ name }) => name),
      ]);
      expect(beats.rows.map((row) => row.name).sort()).toEqual(schedules.map(({ name }) => name).sort());
      for (const row of beats.rows) expect(row.last_success_at.getTime()).toBeGreaterThan(from);
    } finally {
      await Promise.all(schedules.map(({ queue }) => queue.close()));
    }
  });

  it('executes once when one idempotency key reaches both api processes at once', async () => {
    const move = await newMove();
    const key = `scale-${randomUUID()}`;
    const execute = (api: { url: string }) => call<ExecutionView>(api.url, 'POST', `/api/command-queue/${move.id}/execute`, { [HEADERS.idempotencyKey]: key });
    const answers = await Promise.all([0, 1, 0, 1, 0, 1].map((i) => execute(apis[i])));
    // The first claims it; the others are told it runs (409) or, once it finished, replayed.
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const ran = answers.filter((answer) => answer.status === 200);
    expect(ran.length).toBeGreaterThanOrEqual(1);
    const executionId = ran[0].body.id;
    expect(ran.every((answer) => answer.body.id === executionId && answer.body.status === 'succeeded')).toBe(true);
    for (const api of apis) {
      const replay = await eventually(async () => {
        const answer = await execute(api);
        expect(answer.status).toBe(200);
        return answer;
      });
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(executionId);
    }
    expect(await count('SELECT count(*) AS n FROM executions WHERE idempotency_key = $1', [key])).toBe(1);
    expect(await draftsOf(executionId)).toHaveLength(1);
    const drafts = (await sandboxControl.state()).gmail.drafts.filter((draft) => draft.headers.To === move.email);
    expect(drafts).toHaveLength(1);
  });

  it('runs queued executions once, whichever worker takes them up', async () => {
    // Fill the hour's send_email window, whatever other tests used of it.
    const guardrails = (await call<GuardrailsResponse>(apis[0].url, 'GET', '/api/execution/guardrails')).body;
    const left = guardrails.limits.find((limit) => limit.action_type === 'send_email')!.remaining;
    for (let i = 0; i < left; i += 1) {
      const { id } = await newMove();
      expect((await call(apis[i % 2].url, 'POST', `/api/command-queue/${id}/execute`, { [HEADERS.idempotencyKey]: randomUUID() })).status).toBe(200);
    }
    // An hour passes for them, but for a few seconds: the window opens again shortly.
    await db.query(
      `UPDATE executions SET started_at = now() - interval '1 hour' + interval '4 seconds' WHERE action_type = 'send_email' AND NOT dry_run AND status <> 'queued'`,
    );

    const queued: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { id } = await newMove();
      const answer = await call<ExecutionView>(apis[i % 2].url, 'POST', `/api/command-queue/${id}/execute?when_limited=queue`, {
        [HEADERS.idempotencyKey]: randomUUID(),
      });
      expect(answer.status).toBe(202);
      queued.push(answer.body.id);
    }
    // Both workers hold the delayed jobs' queue and the sweep: each may try to start each one.
    const finished = await eventually(
      async () => {
        const views = await Promise.all(queued.map(async (id) => (await call<ExecutionView>(apis[1].url, 'GET', `/api/executions/${id}`)).body));
        expect(views.map((view) => view.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
        return views;
      },
      30_000,
      250,
    );
    for (const execution of finished) {
      expect(await draftsOf(execution.id)).toHaveLength(1);
      expect(execution.attempts).toBe(1);
    }
  });
});
