import { setTimeout as sleep } from 'node:timers/promises';
import { ENQUEUED_JOBS, QUEUES } from '@caseyos/contracts';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { queuedJobId } from '../execution/execution.service';
import { bullConnectionFromUrl } from '../platform/queues/redis-connection';
import { signV3 } from '../signals/webhooks/hubspot-signature';
import { AppProcess } from '../testing/app-process';
import { OwnServices } from '../testing/own-services';
import { freePort } from '../testing/redis-server';
import { SandboxControl } from '../testing/sandbox-control';
import { SandboxProcess } from '../testing/sandbox-process';
import { TEST_ADMIN_TOKEN, eventually, operatorHeaders } from '../testing/test-app';

/**
 * "Nothing accepted is lost": the built api, worker and sandbox as real processes on a Postgres and
 * a Redis of this suite's own, which it stops and restarts under load (docs/TESTING.md).
 */
const WEBHOOK_SECRET = 'restart-suite-webhook-secret';
const PUBLIC_URL = 'http://caseyos.restart.test';
const WEBHOOK_PATH = '/api/webhooks/hubspot/form-submission';
const RATE = 100; // webhooks a second
const LOAD_SECONDS = 8;
/** When, into the load, the server goes down and comes back. */
const OUTAGE = { fromMs: 2000, toMs: 5000 };

interface WebhookAnswer {
  email: string;
  status: number;
  retryAfter: string | null;
  body: { signal_id?: string; duplicate?: boolean; move?: { id: string } | null } | null;
}

let services: OwnServices;
let sandbox: SandboxProcess;
let api: AppProcess;
let baseUrl: string;
let env: Record<string, string>;
const workers: AppProcess[] = [];

function startWorker(): AppProcess {
  const worker = AppProcess.start('worker.js', { ...env, ROLE: 'worker' });
  workers.push(worker);
  return worker;
}

const workerStarted = (worker: AppProcess) => worker.printed('worker started', 60_000);

beforeAll(async () => {
  services = await OwnServices.start();
  sandbox = await SandboxProcess.start();
  const port = await freePort();
  env = {
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    SANDBOX_URL: sandbox.url,
    HUBSPOT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PUBLIC_URL,
    RATE_LIMIT_MAX: '1000000',
    HEARTBEAT_EVERY_SECONDS: '1',
    // A killed worker's job is taken up within seconds, not BullMQ's default half minute.
    JOB_LOCK_SECONDS: '5',
    // One task an hour, so a second is queued (the SIGKILL test).
    EXECUTION_LIMITS_PER_HOUR: 'create_task=1',
    // The worker taking over a killed worker's execution settles it only once the first run's
    // deadline and grace have passed (it might still be going): seconds here, not 90.
    EXECUTION_TIMEOUT_SECONDS: '10',
    EXECUTION_RECOVERY_GRACE_SECONDS: '5',
  };
  api = AppProcess.start('main.js', { ...env, ROLE: 'api' });
  baseUrl = `http://127.0.0.1:${port}`;
  await eventually(async () => expect((await fetch(`${baseUrl}/ready`)).status).toBe(200), 90_000, 250);
}, 180_000);

afterAll(async () => {
  await Promise.all([api?.stop(), ...workers.map((worker) => worker.stop())]);
  await sandbox?.stop();
  await services?.remove();
});

/** The test's own connection may have been cut by a Postgres restart: a fresh one per query. */
async function query<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: services.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A form webhook signed as HubSpot signs it (v3), as the webhook bench and the signals tests send it. */
async function sendWebhook(form: Record<string, unknown>): Promise<{ status: number; retryAfter: string | null; body: WebhookAnswer['body'] }> {
  const rawBody = JSON.stringify(form);
  const timestamp = String(Date.now());
  const signature = signV3(WEBHOOK_SECRET, { method: 'POST', url: `${PUBLIC_URL}${WEBHOOK_PATH}`, rawBody, timestamp });
  const res = await fetch(`${baseUrl}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
    body: rawBody,
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? JSON.parse(text) : null };
}

const demoRequest = (email: string) => ({ form_name: 'Request a demo', fields: { email, firstname: 'Dana', company: 'Northwind' } });

/**
 * RATE webhooks a second for LOAD_SECONDS, each a demo request of its own contact (so each makes
 * a move); `outage` runs alongside, from OUTAGE.fromMs on. A request that fails on the wire counts
 * as status 0.
 */
async function webhooksUnder(tag: string, outage: () => Promise<void>): Promise<WebhookAnswer[]> {
  const started = Date.now();
  const outageDone = sleep(OUTAGE.fromMs).then(outage);
  const sends: Promise<WebhookAnswer>[] = [];
  for (let n = 0; n < RATE * LOAD_SECONDS; n++) {
    const due = started + (n * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    const email = `${tag}-${n}@load.example.com`;
    sends.push(
      sendWebhook(demoRequest(email)).then(
        (answer) => ({ email, ...answer }),
        () => ({ email, status: 0, retryAfter: null, body: null }),
      ),
    );
  }
  await outageDone;
  return Promise.all(sends);
}

const countBy = (answers: WebhookAnswer[]) =>
  answers.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

/**
 * Every 2xx names a signal stored exactly once, with the move the answer named; no stored signal
 * of the run lacks its move (nothing half-stored), whatever it was answered.
 */
async function expectAcceptedStoredOnce(tag: string, answers: WebhookAnswer[]): Promise<void> {
  const rows = await query<{ contact_email: string; id: string; item_id: string | null; move_id: string | null }>(
    `SELECT s.contact_email, s.id, s.item_id, m.id AS move_id
       FROM signals s LEFT JOIN command_queue_items m ON m.id = s.item_id
      WHERE s.contact_email LIKE $1`,
    [`${tag}-%`],
  );
  const stored = new Map<string, typeof rows>();
  for (const row of rows) stored.set(row.contact_email, [...(stored.get(row.contact_email) ?? []), row]);
  const accepted = answers.filter((answer) => answer.status === 202);
  expect(accepted.length).toBeGreaterThan(0);
  for (const answer of accepted) {
    const signals = stored.get(answer.email) ?? [];
    expect({ email: answer.email, signals: signals.length }).toEqual({ email: answer.email, signals: 1 });
    expect(signals[0].id).toBe(answer.body?.signal_id);
    expect(answer.body?.move?.id).toBeDefined();
    expect(signals[0].move_id).toBe(answer.body?.move?.id);
  }
  expect(rows.filter((row) => row.move_id === null)).toEqual([]);
  expect([...stored.values()].filter((signals) => signals.length > 1)).toEqual([]);
}

/** The live event stream as text, read as it arrives. */
async function openEventStream(): Promise<{ text: () => string; close: () => void }> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/events`, { headers: operatorHeaders, signal: controller.signal });
  expect(res.status).toBe(200);
  let text = '';
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      text += decoder.decode(value, { stream: true });
    }
  })();
  return { text: () => text, close: () => controller.abort() };
}

describe('Redis stopped and restarted while webhooks arrive at 100/s', () => {
  it('stores every accepted webhook once with its move, and rate limits, events and jobs recover without a restart of CaseyOS', async () => {
    const worker = startWorker();
    await workerStarted(worker);
    const stream = await openEventStream();
    let restartedAt = 0;
    try {
      const answers = await webhooksUnder('redis', async () => {
        await services.stop('redis');
        await sleep(OUTAGE.toMs - OUTAGE.fromMs);
        await services.start('redis');
        restartedAt = Date.now();
      });
      const counts = countBy(answers);
      console.log(`Redis restart under ${RATE} webhooks/s: ${answers.length} sent, answered ${JSON.stringify(counts)}`);
      // Postgres is the record: losing Redis costs no webhook, and nothing else is ever answered.
      expect(Object.keys(counts).filter((status) => status !== '202' && status !== '503')).toEqual([]);
      expect(answers.filter((answer) => answer.status === 503 && !answer.retryAfter)).toEqual([]);
      await expectAcceptedStoredOnce('redis', answers);

      // Rate limiting counts again: each request spends one of the window's budget.
      await eventually(
        async () => {
          const remaining = [];
          for (let i = 0; i < 2; i++)
            remaining.push(Number((await fetch(`${baseUrl}/api/signals?limit=1`, { headers: operatorHeaders })).headers.get('ratelimit-remaining')));
          expect(remaining[0]).toBeGreaterThan(0);
          expect(remaining[1]).toBe(remaining[0] - 1);
        },
        30_000,
        250,
      );
      // The event stream opened before the outage tells of a move made after it.
      const after = await sendWebhook(demoRequest('redis-after@load.example.com'));
      expect(after.status).toBe(202);
      await eventually(async () => expect(stream.text()).toContain(after.body!.move!.id), 30_000, 250);
      // BullMQ: the worker's scheduled heartbeat runs again.
      await eventually(
        async () => {
          const beat = await (await fetch(`${baseUrl}/health/beat`)).json();
          const heartbeat = beat.jobs.find((job: { name: string }) => job.name === 'heartbeat');
          expect(Date.parse(heartbeat.last_success_at)).toBeGreaterThan(restartedAt);
        },
        30_000,
        250,
      );
      expect((await fetch(`${baseUrl}/ready`)).status).toBe(200);
    } finally {
      stream.close();
      await services.start('redis');
      await worker.stop();
    }
  }, 120_000);
});

describe('Postgres restarted while webhooks arrive at 100/s', () => {
  it('answers 503 with Retry-After during the outage (never 500), /ready says so, and none is half-stored', async () => {
    const readiness: number[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        readiness.push((await fetch(`${baseUrl}/ready`).catch(() => null))?.status ?? 0);
        await sleep(200);
      }
    })();
    try {
      const answers = await webhooksUnder('postgres', async () => {
        await services.stop('postgres');
        await sleep(OUTAGE.toMs - OUTAGE.fromMs);
        await services.start('postgres');
      });
      const counts = countBy(answers);
      console.log(`Postgres restart under ${RATE} webhooks/s: ${answers.length} sent, answered ${JSON.stringify(counts)}`);
      expect(Object.keys(counts).filter((status) => status !== '202' && status !== '503')).toEqual([]);
      expect(counts[503]).toBeGreaterThan(0);
      expect(answers.filter((answer) => answer.status === 503 && answer.retryAfter !== '5')).toEqual([]);
      await expectAcceptedStoredOnce('postgres', answers);
      // Without a restart of CaseyOS.
      await eventually(async () => expect((await fetch(`${baseUrl}/ready`)).status).toBe(200), 30_000, 250);
    } finally {
      polling = false;
      await poll;
      await services.start('postgres');
    }
    expect(readiness).toContain(503);
    expect(readiness.filter((status) => status !== 200 && status !== 503)).toEqual([]);
  }, 120_000);
});

const execute = async (moveId: string, key: string, query = '') => {
  const res = await fetch(`${baseUrl}/api/command-queue/${moveId}/execute${query}`, {
    method: 'POST',
    headers: { ...operatorHeaders, 'x-idempotency-key': key },
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: await res.json() };
};

describe('an execution in flight when Redis restarts', () => {
  it('keeps its idempotency in Postgres and completes exactly once', async () => {
    const control = new SandboxControl(sandbox.url);
    const { body } = await sendWebhook(demoRequest('in-flight@load.example.com'));
    const moveId = body!.move!.id;
    await control.fault({ service: 'gmail', kind: 'latency', latency_ms: 3000, times: 1, route: 'POST /gmail/v1/users/:userId/drafts' });
    const key = `restart-in-flight-${moveId}`;
    const answer = execute(moveId, key);
    // The draft request is at the provider: the execution is in flight.
    await eventually(async () => expect((await control.state()).faults.pending).toEqual([]), 10_000, 50);
    await services.stop('redis');
    await services.start('redis');
    const first = await answer;
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('succeeded');

    const replay = await execute(moveId, key);
    expect(replay).toEqual({ status: 200, replayed: 'true', body: first.body });
    const executions = await query<{ status: string }>('SELECT status FROM executions WHERE item_id = $1 AND NOT dry_run', [moveId]);
    expect(executions).toEqual([{ status: 'succeeded' }]);
    const drafts = (await control.state()).gmail.drafts.filter((draft) => draft.headers['X-CaseyOS-Execution'] === first.body.id);
    expect(drafts).toHaveLength(1);
  }, 60_000);
});

describe('a worker killed with SIGKILL mid-job', () => {
  it('has its job retried by another worker, and the side effect happens once', async () => {
    const control = new SandboxControl(sandbox.url);
    // Form "Contact us" makes a create_task move; the hour's one task goes to the first.
    const moves = await Promise.all(
      ['sigkill-first', 'sigkill-queued'].map(async (name) => {
        const { body } = await sendWebhook({ form_name: 'Contact us', fields: { email: `${name}@load.example.com`, company: 'Northwind' } });
        return body!.move!.id;
      }),
    );
    const done = await execute(moves[0], `sigkill-first-${moves[0]}`);
    expect(done.status).toBe(200);
    const queued = await execute(moves[1], `sigkill-queued-${moves[1]}`, '?when_limited=queue');
    expect(queued.status).toBe(202);
    const executionId: string = queued.body.id;

    // An hour passes for the limit: the first task leaves the window, the queued one is due.
    await query(`UPDATE executions SET started_at = started_at - interval '2 hours' WHERE id = $1`, [done.body.id]);
    await query(`UPDATE executions SET run_at = now() WHERE id = $1`, [executionId]);
    // Shorter than the job's lock, so the task lands before another worker may take the job up.
    await control.fault({ service: 'hubspot', kind: 'latency', latency_ms: 2000, times: 1, route: 'POST /crm/v3/objects/tasks' });
    const queue = new Queue(QUEUES.executionQueued, { connection: bullConnectionFromUrl(services.redisUrl) });
    const first = startWorker();
    try {
      await workerStarted(first);
      const job = await queue.getJob(queuedJobId(executionId));
      expect(job?.name).toBe(ENQUEUED_JOBS.runQueuedExecution);
      await job!.promote();
      await eventually(async () => expect((await control.state()).faults.pending).toEqual([]), 20_000, 50);
      await first.stop('SIGKILL');
      expect((await query<{ status: string }>('SELECT status FROM executions WHERE id = $1', [executionId]))[0].status).toBe('running');

      const second = startWorker();
      await workerStarted(second);
      const finished = await eventually(
        async () => {
          const [row] = await query<{ status: string; result: { objects: { id: string }[] }; run_ms: number }>(
            'SELECT status, result, (extract(epoch FROM finished_at - started_at) * 1000)::float8 AS run_ms FROM executions WHERE id = $1',
            [executionId],
          );
          expect(row.status).toBe('succeeded');
          return row;
        },
        40_000,
        250,
      );
      // Not settled while the killed run might, for all the second worker knew, still be going.
      expect(finished.run_ms).toBeGreaterThanOrEqual(15_000);
      await eventually(async () => expect(await (await queue.getJob(queuedJobId(executionId)))?.isCompleted()).toBe(true), 10_000, 250);
      const token = `caseyos${executionId.replace(/-/g, '')}`;
      const tasks = (await control.state()).hubspot.tasks.filter((task) => task.body?.includes(token));
      expect(tasks.map((task) => task.id)).toEqual(finished.result.objects.map((object) => object.id));
      expect(tasks).toHaveLength(1);
    } finally {
      await queue.close();
    }
  }, 120_000);
});
