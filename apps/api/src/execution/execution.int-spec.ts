import { ACTION_TYPES, ActionType, DraftEdit, DryRunResponse, ExecutionView, ExternalObject, GuardrailsResponse } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GmailConnector } from '../connectors/google/gmail.connector';
import { IntegrationsService } from '../connectors/oauth/integrations.service';
import { SEEDED_VOICE_PROFILE_ID } from '../platform/database/migrations/1764350000000-voice-profiles';
import { ExecutionSettings } from './execution-settings';
import { ExecutionSweep } from './execution-sweep';
import { QueuedExecutionJob } from './queued-execution.job';
import { ConnectedTestApp, startConnectedTestApp } from '../testing/connected-test-app';
import { apiOf, emptyExecutionTables, expectStatus, newMove, withoutClock } from '../testing/execution-test-kit';
import { metricGrowth } from '../testing/metrics';
import { OwnRedisServer } from '../testing/redis-server';
import { SandboxState } from '../testing/sandbox-control';
import { TEST_ADMIN_TOKEN, eventually, startTestApp } from '../testing/test-app';

/** Limits high enough that these tests never meet them; the guardrail suite tests the limits. */
const ROOMY_LIMITS = ACTION_TYPES.map((type) => `${type}=1000`).join(',');

/** Where an object an execution made shows in the sandbox, or null once it is gone (a cancelled event counts as gone). */
function inSandbox(state: SandboxState, object: ExternalObject): unknown {
  if (object.kind === 'gmail_draft') return state.gmail.drafts.find((draft) => draft.id === object.id) ?? null;
  if (object.kind === 'hubspot_task') return state.hubspot.tasks.find((task) => task.id === object.id) ?? null;
  if (object.kind === 'calendar_event') return state.calendar.eventList.find((event) => event.id === object.id && event.status !== 'cancelled') ?? null;
  throw new Error(`${object.kind} does not live in the sandbox`);
}

const draftsBy = (state: SandboxState, executionId: string) => state.gmail.drafts.filter((draft) => draft.headers['X-CaseyOS-Execution'] === executionId);

describe('execution', () => {
  let t: ConnectedTestApp;
  let api: ReturnType<typeof apiOf>;
  const execute = (itemId: string, key: string | null = randomUUID(), query = '', body?: unknown) =>
    api('POST', `/api/command-queue/${itemId}/execute${query}`, { headers: key ? { 'x-idempotency-key': key } : {}, body });

  beforeAll(async () => {
    t = await startConnectedTestApp({ EXECUTION_LIMITS_PER_HOUR: ROOMY_LIMITS, EXECUTION_RETRY_BASE_MS: '20', EXECUTION_CONTACT_TOUCHES_PER_WEEK: '1000' });
    api = apiOf(t);
    await emptyExecutionTables(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.sandbox.clearFaults());

  it('dry run: the exact Gmail draft and every guardrail verdict, no side effect, recorded as a dry run', async () => {
    const move = await newMove(t, 'send_email');
    const before = await t.sandbox.state();
    const { status, body } = await api<DryRunResponse>('POST', `/api/command-queue/${move.id}/execute?dry_run=true`);
    expect(status).toBe(200);
    const [request] = body.plan.requests;
    expect(request).toMatchObject({ target: 'gmail', operation: 'gmail.drafts.create', method: 'POST' });
    expect(request.email?.headers).toMatchObject({ To: move.contact_email, 'X-CaseyOS-Execution': body.execution.id });
    expect(request.email?.headers.Subject?.length).toBeGreaterThan(3);
    expect(request.email?.headers['Message-ID']).toMatch(/^<[0-9a-f]{32}\.caseyos@/);
    expect(request.email?.text).toContain('Dana');
    expect(body.guardrails.map((g) => g.guardrail).sort()).toEqual(['circuit_breaker', 'contact_cap', 'idempotency', 'kill_switch', 'rate_limit']);
    expect(body.would_execute).toBe(true);
    expect(body.execution).toMatchObject({ dry_run: true, status: 'succeeded', item_id: move.id });
    expect(withoutClock(await t.sandbox.state())).toEqual(withoutClock(before));
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('pending');
    const listed = await api('GET', `/api/executions?item_id=${move.id}&dry_run=true`);
    expect(listed.body.items.map((e: ExecutionView) => e.id)).toEqual([body.execution.id]);
  });

  it("the seed's demo: today's first move executes, accepted on the way, and the metrics count it", async () => {
    expectStatus(await api('POST', '/api/command-queue/seed'), 201);
    const today = await api('GET', '/api/command-queue/today');
    const [top] = today.body.today_moves;
    expect(top.status).toBe('pending');
    const { growth, result: answer } = await metricGrowth(
      t.baseUrl,
      {
        completed: ['caseyos_execution_completed_total', { action_type: top.action_type }],
        timed: ['caseyos_execution_duration_seconds_count', { action_type: top.action_type, status: 'succeeded' }],
      },
      () => execute(top.id),
    );
    expectStatus(answer, 200);
    expect(growth).toEqual({ completed: 1, timed: 1 });
    expect(answer.body.result.objects.length).toBeGreaterThanOrEqual(1);
    const audit = await api('GET', `/api/audit?subject=command_queue_item:${top.id}&limit=10`);
    expect(audit.body.items.map((entry: { detail: { from?: string; to?: string } }) => `${entry.detail?.from}->${entry.detail?.to}`)).toEqual(
      expect.arrayContaining(['pending->executing', 'executing->completed']),
    );
    const metrics = await (await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).text();
    expect(metrics).toMatch(/caseyos_execution_breaker_state\{action_type="send_email"\} 0/);
  });

  it('a move accepted while its execute was planning is executed from accepted', async () => {
    const move = await newMove(t, 'book_meeting');
    await t.sandbox.fault({ service: 'calendar', kind: 'latency', latency_ms: 1500, route: 'POST /calendar/v3/freeBusy', times: 1 });
    const executing = execute(move.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expectStatus(await api('POST', `/api/command-queue/${move.id}/accept`), 200);
    const answer = await executing;
    expectStatus(answer, 200);
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('completed');
    const audit = await api('GET', `/api/audit?subject=command_queue_item:${move.id}&limit=10`);
    expect(audit.body.items.map((entry: { detail: { from?: string; to?: string } }) => `${entry.detail?.from}->${entry.detail?.to}`)).toEqual(
      expect.arrayContaining(['pending->accepted', 'accepted->executing', 'executing->completed']),
    );
  });

  it('the sweep forgets dry runs after the retention period, and keeps real executions', async () => {
    const move = await newMove(t, 'create_task');
    const dry = await api<DryRunResponse>('POST', `/api/command-queue/${move.id}/execute?dry_run=true`);
    const real = await execute(move.id);
    expectStatus(real, 200);
    t.advanceClock(31 * 24 * 3_600_000);
    try {
      await t.app.get(ExecutionSweep).sweep();
    } finally {
      t.advanceClock(-31 * 24 * 3_600_000);
    }
    expectStatus(await api('GET', `/api/executions/${dry.body.execution.id}`), 404);
    expectStatus(await api('GET', `/api/executions/${real.body.id}`), 200);
  });

  it('refuses an execute without an idempotency key (400 problem) and changes nothing', async () => {
    const move = await newMove(t, 'send_email');
    const answer = await execute(move.id, null);
    expectStatus(answer, 400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.detail).toMatch(/Idempotency-Key/);
    expect((await api('GET', `/api/executions?item_id=${move.id}`)).body.items).toEqual([]);
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('pending');
  });

  it('send_email: one marked Gmail draft, answered with its link; the move is completed and audited in the same step', async () => {
    const move = await newMove(t, 'send_email');
    const answer = await execute(move.id);
    expectStatus(answer, 200);
    const execution = answer.body;
    expect(answer.headers.get('x-execution-id')).toBe(execution.id);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    expect(execution).toMatchObject({ status: 'succeeded', dry_run: false, attempts: 1, item_id: move.id });
    const [draft] = execution.result!.objects;
    expect(draft.kind).toBe('gmail_draft');
    expect(draft.url).toMatch(/^https:\/\/mail\.google\.com\//);
    const state = await t.sandbox.state();
    expect(draftsBy(state, execution.id)).toHaveLength(1);
    expect(draftsBy(state, execution.id)[0].headers.To).toBe(move.contact_email);
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('completed');
    expect((await api('GET', `/api/executions/${execution.id}/status`)).body).toMatchObject({ id: execution.id, status: 'succeeded' });
    const audit = await api('GET', `/api/audit?subject=command_queue_item:${move.id}&limit=10`);
    const statuses = audit.body.items.map((entry: { detail: { to?: string } }) => entry.detail?.to).filter(Boolean);
    expect(statuses).toEqual(expect.arrayContaining(['executing', 'completed']));
  });

  it('a replay of the key answers the stored result once more; the key with another move or body is refused (422)', async () => {
    const move = await newMove(t, 'create_task');
    const key = randomUUID();
    const first = await execute(move.id, key);
    expectStatus(first, 200);
    const again = await execute(move.id, key);
    expectStatus(again, 200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const tasks = (await t.sandbox.state()).hubspot.tasks.filter((task) => task.body?.includes(first.body.id.replace(/-/g, '')));
    expect(tasks).toHaveLength(1);

    const other = await newMove(t, 'create_task');
    const misused = await execute(other.id, key);
    expectStatus(misused, 422);
    expect(misused.type).toContain('application/problem+json');
    const otherBody = await execute(move.id, key, '', { note: 'different' });
    expectStatus(otherBody, 422);
    expect((await api('GET', `/api/command-queue/${other.id}`)).body.status).toBe('pending');
  });

  it('rollback removes the draft and completes the undo once; a second rollback and a dry run rollback are 409', async () => {
    const move = await newMove(t, 'send_email');
    const { body: execution } = await execute(move.id);
    const rolledBack = await api<ExecutionView>('POST', `/api/executions/${execution.id}/rollback`);
    expectStatus(rolledBack, 200);
    expect(rolledBack.body.status).toBe('rolled_back');
    expect(inSandbox(await t.sandbox.state(), execution.result!.objects[0])).toBeNull();
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('rolled_back');

    const twice = await api('POST', `/api/executions/${execution.id}/rollback`);
    expectStatus(twice, 409);
    expect(twice.body.detail).toMatch(/rolled back already/);
    const dry = await api<DryRunResponse>('POST', `/api/command-queue/${(await newMove(t, 'send_email')).id}/execute?dry_run=true`);
    expectStatus(await api('POST', `/api/executions/${dry.body.execution.id}/rollback`), 409);
  });

  it('a draft the user already sent cannot be rolled back: 409, and the execution stands', async () => {
    const move = await newMove(t, 'send_email');
    const { body: execution } = await execute(move.id);
    const tokens = await t.app.get(IntegrationsService).tokens('google');
    // What the user does in Gmail: send the draft.
    const sent = await fetch(`${t.sandbox.url}/gmail/v1/users/me/drafts/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens!.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: execution.result.objects[0].id }),
    });
    expect(sent.status).toBe(200);
    const refused = await api('POST', `/api/executions/${execution.id}/rollback`);
    expectStatus(refused, 409);
    expect(refused.body.type).toMatch(/already-sent$/);
    expect((await api<ExecutionView>('GET', `/api/executions/${execution.id}`)).body.status).toBe('succeeded');
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('completed');
  });

  it.each(ACTION_TYPES.map((type) => [type]))('%s: its effect shows in the sandbox (or CaseyOS) and rollback removes it', async (actionType: ActionType) => {
    const move = await newMove(t, actionType);
    const answer = await execute(move.id);
    expectStatus(answer, 200);
    const objects = answer.body.result!.objects;
    expect(objects.length).toBeGreaterThanOrEqual(1);
    const state = await t.sandbox.state();
    for (const object of objects) {
      if (object.kind === 'asset') {
        const asset = await api('GET', `/api/assets/${object.id}`);
        expectStatus(asset, 200);
        expect(asset.body.body.length).toBeGreaterThan(10);
        if (asset.body.max_length !== null) expect(asset.body.body.length).toBeLessThanOrEqual(asset.body.max_length);
      } else {
        expect(inSandbox(state, object)).not.toBeNull();
      }
    }
    for (const task of objects.filter((object: ExternalObject) => object.kind === 'hubspot_task')) {
      expect(task.url).toMatch(new RegExp(`^https://app\\.hubspot\\.com/tasks/\\d+/view/all/task/${task.id}$`));
    }
    if (actionType === 'risk_escalation') expect(state.hubspot.tasks.find((task) => task.id === objects[0].id)?.priority).toBe('HIGH');
    if (actionType === 'book_meeting') expect(state.calendar.eventList.find((event) => event.id === objects[0].id)?.attendees).toContain(move.contact_email);
    if (actionType === 'newsletter_draft') expect(objects.map((o: ExternalObject) => o.kind).sort()).toEqual(['asset', 'gmail_draft']);

    expectStatus(await api('POST', `/api/executions/${answer.body.id}/rollback`), 200);
    const after = await t.sandbox.state();
    for (const object of objects) {
      if (object.kind === 'asset') expectStatus(await api('GET', `/api/assets/${object.id}`), 404);
      else expect(inSandbox(after, object)).toBeNull();
    }
  });

  it('a move made from a reply is drafted in that thread, with In-Reply-To and References', async () => {
    const tick = await t.sandbox.tick(['email_reply']);
    const threadId = tick.generated.find((g) => g.threadId)?.threadId;
    expect(threadId).toBeTruthy();
    const thread = await t.app.get(GmailConnector).threadMetadata(threadId!);
    const answered = thread[thread.length - 1];
    expect(answered.messageId).toBeTruthy();
    const move = await newMove(t, 'send_email', {
      actionParams: { reply_to: { thread_id: threadId, rfc822_message_id: answered.messageId, subject: answered.subject } },
    });
    const { status, body } = await execute(move.id);
    expect(status).toBe(200);
    const [draft] = draftsBy(await t.sandbox.state(), body.id);
    expect(draft.threadId).toBe(threadId);
    expect(draft.headers['In-Reply-To']).toBe(answered.messageId);
    expect(draft.headers.References).toContain(answered.messageId!);
    expect(draft.headers.Subject).toMatch(/^Re: /);
  });

  it('20 executes of one move with different keys: exactly one runs, the rest are 409', async () => {
    const move = await newMove(t, 'send_email');
    const answers = await Promise.all(Array.from({ length: 20 }, () => execute(move.id)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = answers.find((a) => a.status === 200)!.body;
    const state = await t.sandbox.state();
    expect(draftsBy(state, winner.id)).toHaveLength(1);
    expect(state.gmail.drafts.filter((d) => d.headers.To === move.contact_email)).toHaveLength(1);
  });

  it('100 concurrent executes with one key: one execution, one draft; every answer is the result or "still running"', async () => {
    const move = await newMove(t, 'send_email');
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 100 }, () => execute(move.id, key)));
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const successes = answers.filter((a) => a.status === 200);
    expect(successes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(successes.map((a) => a.body.id)).size).toBe(1);
    const executions = await api('GET', `/api/executions?item_id=${move.id}&dry_run=false`);
    expect(executions.body.items).toHaveLength(1);
    expect((await t.sandbox.state()).gmail.drafts.filter((d) => d.headers.To === move.contact_email)).toHaveLength(1);
  });

  it('a 503 is retried and succeeds on attempt 2, with one draft', async () => {
    const move = await newMove(t, 'send_email');
    await t.sandbox.fault({ service: 'gmail', kind: 'server_error', status: 503, times: 1, route: 'POST /gmail/v1/users/:userId/drafts' } as never);
    const { status, body } = await execute(move.id);
    expect(status).toBe(200);
    expect(body.attempts).toBe(2);
    expect(draftsBy(await t.sandbox.state(), body.id)).toHaveLength(1);
  });

  it('complete by hand clears a move with no side effect; an accepted move can be dismissed', async () => {
    const move = await newMove(t, 'send_email');
    const before = await t.sandbox.state();
    const done = await api('POST', `/api/command-queue/${move.id}/complete`, { body: { note: 'Called her instead' } });
    expectStatus(done, 200);
    expect(done.body.status).toBe('completed');
    expect(withoutClock(await t.sandbox.state())).toEqual(withoutClock(before));
    expectStatus(await execute(move.id), 409);

    const accepted = await newMove(t, 'create_task');
    expectStatus(await api('POST', `/api/command-queue/${accepted.id}/accept`), 200);
    const dismissed = await api('POST', `/api/command-queue/${accepted.id}/dismiss`, { body: { reason: 'Handled at the offsite' } });
    expect(dismissed.body.status).toBe('dismissed');
  });

  it('lists executions by move, status and action type, newest first, with cursor paging', async () => {
    const moves = await Promise.all([newMove(t, 'social_post'), newMove(t, 'social_post'), newMove(t, 'social_post')]);
    for (const move of moves) expectStatus(await execute(move.id), 200);
    const first = await api('GET', '/api/executions?action_type=social_post&status=succeeded&limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await api('GET', `/api/executions?action_type=social_post&status=succeeded&limit=2&cursor=${first.body.next_cursor}`);
    const ids = [...first.body.items, ...second.body.items].map((e: ExecutionView) => e.item_id);
    expect(ids).toEqual(expect.arrayContaining(moves.map((m) => m.id)));
    const created = [...first.body.items, ...second.body.items].map((e: ExecutionView) => e.created_at);
    expect([...created].sort().reverse()).toEqual(created);
    expectStatus(await api('GET', '/api/executions?status=nonsense'), 400);
  });

  it('the status query uses the (item_id, status) index', async () => {
    const db = t.app.get(DataSource);
    const move = await newMove(t, 'social_post');
    // A few thousand rows, so the planner chooses as it would on a real table.
    await db.query(
      `INSERT INTO executions (id, item_id, domain, action_type, title, status, dry_run, request_hash, actor, created_at, updated_at)
       SELECT gen_random_uuid(), $1, 'marketing', 'social_post', 'x', (ARRAY['succeeded','failed','rolled_back'])[1 + g % 3], true, 'h', 'test', now(), now()
         FROM generate_series(1, 3000) AS g`,
      [move.id],
    );
    await db.query('ANALYZE executions');
    // A status that a third of the rows hold, as lastSucceededAt asks: the (status, run_at) index
    // is then no rival, whatever other suites left running (a status no row holds ties the two).
    const plan = await db.query(`EXPLAIN SELECT * FROM executions WHERE item_id = $1 AND status = $2`, [randomUUID(), 'succeeded']);
    expect(JSON.stringify(plan)).toContain('idx_executions_item_status');
  });

  it('emergency stop: every execute is 423 while active, the state survives a restart, and it is audited', async () => {
    const move = await newMove(t, 'send_email');
    const stop = await api('POST', '/api/admin/emergency-stop', { body: { active: true, reason: 'Wrong template went out' } });
    expectStatus(stop, 200);
    try {
      const refused = await execute(move.id);
      expectStatus(refused, 423);
      expect(refused.type).toContain('application/problem+json');
      expect(refused.body.detail).toContain('Wrong template went out');
      expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('pending');
      const restarted = await startTestApp({ ROLE: 'api' });
      try {
        const guardrails = await apiOf(restarted)<GuardrailsResponse>('GET', '/api/execution/guardrails');
        expect(guardrails.body.emergency_stop).toMatchObject({ active: true, reason: 'Wrong template went out' });
      } finally {
        await restarted.close();
      }
      expectStatus(await api('POST', '/api/admin/emergency-stop', { body: { active: true } }), 400);
    } finally {
      expectStatus(await api('POST', '/api/admin/emergency-stop', { body: { active: false } }), 200);
    }
    const audit = await api('GET', '/api/audit?subject=execution:emergency_stop&limit=5');
    expect(audit.body.items.map((entry: { action: string }) => entry.action).slice(0, 2)).toEqual([
      'execution.emergency_stop.released',
      'execution.emergency_stop.activated',
    ]);
    expectStatus(await execute(move.id), 200);
  });
});

describe('execution guardrails', () => {
  let t: ConnectedTestApp;
  let api: ReturnType<typeof apiOf>;
  const execute = (itemId: string, query = '', key = randomUUID()) =>
    api('POST', `/api/command-queue/${itemId}/execute${query}`, { headers: { 'x-idempotency-key': key } });

  beforeAll(async () => {
    t = await startConnectedTestApp({ EXECUTION_MAX_RETRIES: '0', EXECUTION_SWEEP_SECONDS: '1', EXECUTION_BREAKER_OPEN_SECONDS: '60' });
    api = apiOf(t);
  });
  beforeEach(() => emptyExecutionTables(t));
  afterAll(() => t.close());
  afterEach(() => t.sandbox.clearFaults());

  /** Spends the hour's ten emails, then queues the move's execute (with this draft edit) for the next window: the queued execution. */
  const queueBehindTenEmails = async (moveId: string, draft: DraftEdit) => {
    for (let i = 0; i < 10; i += 1) expectStatus(await execute((await newMove(t, 'send_email')).id), 200);
    const queued = await api<ExecutionView>('POST', `/api/command-queue/${moveId}/execute?when_limited=queue`, {
      headers: { 'x-idempotency-key': randomUUID() },
      body: { draft },
    });
    expectStatus(queued, 202);
    return queued.body;
  };
  /** Moves the clock into the next window, waits for the queued execution to succeed, and puts the clock back. */
  const runInNextWindow = (executionId: string) => {
    t.advanceClock(3_601_000);
    return eventually(async () => {
      const current = (await api<ExecutionView>('GET', `/api/executions/${executionId}`)).body;
      expect(current.status).toBe('succeeded');
      return current;
    }).finally(() => t.advanceClock(-3_601_000));
  };
  /** A dry run of the move: its texts, shown by its execution id. */
  const shownTexts = async (moveId: string) => {
    const dry = await api<DryRunResponse>('POST', `/api/command-queue/${moveId}/execute?dry_run=true`);
    expectStatus(dry, 200);
    return { ...dry.body.plan.texts, shown_by: dry.body.execution.id };
  };

  it('the 11th email in an hour is 429 with Retry-After; queue mode answers 202 and runs it in the next window', async () => {
    for (let i = 0; i < 10; i += 1) expectStatus(await execute((await newMove(t, 'send_email')).id), 200);
    const eleventh = await newMove(t, 'send_email');
    const refused = await execute(eleventh.id);
    expectStatus(refused, 429);
    expect(refused.body.guardrail).toBe('rate_limit');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    const queued = await execute(eleventh.id, '?when_limited=queue');
    expectStatus(queued, 202);
    expect(queued.body).toMatchObject({ status: 'queued', item_id: eleventh.id });
    expect(Date.parse(queued.body.run_at) - Date.now()).toBeGreaterThan(3_500_000);
    expect((await api('GET', `/api/command-queue/${eleventh.id}`)).body.status).toBe('accepted');
    // Another execute of a queued move is refused: it already has one.
    expectStatus(await execute(eleventh.id), 409);

    const ran = await runInNextWindow(queued.body.id);
    expect(draftsBy(await t.sandbox.state(), ran.id)).toHaveLength(1);
    expect((await api('GET', `/api/command-queue/${eleventh.id}`)).body.status).toBe('completed');
  });

  it('a queued execute of texts a dry run showed drafts afresh when it runs: a profile changed meanwhile is used', async () => {
    const move = await newMove(t, 'send_email');
    const shown = await shownTexts(move.id);
    expect(shown.body).toMatch(/^Hi /);
    const queued = await queueBehindTenEmails(move.id, shown);
    const greeting = (value: string) => api('PATCH', `/api/voice-profiles/${SEEDED_VOICE_PROFILE_ID}`, { body: { greeting: value } });
    expectStatus(await greeting('Hello {first_name},'), 200);
    try {
      const ran = await runInNextWindow(queued.id);
      expect(ran.plan?.draft).toMatchObject({ writer: 'template', edited: false });
      const [draft] = draftsBy(await t.sandbox.state(), ran.id);
      expect(draft.text).toMatch(/^Hello /);
    } finally {
      expectStatus(await greeting('Hi {first_name},'), 200);
    }
  });

  it('a queued execute of texts of their own keeps them when it runs, whatever dry run it names', async () => {
    const move = await newMove(t, 'send_email');
    const own = {
      subject: 'Our call next week',
      body: 'Hi there,\n\nShall we talk on Tuesday at 10?\n\nBest,\nCasey',
      shown_by: (await shownTexts(move.id)).shown_by,
    };
    const ran = await runInNextWindow((await queueBehindTenEmails(move.id, own)).id);
    expect(ran.plan?.draft).toMatchObject({ edited: true });
    const [draft] = draftsBy(await t.sandbox.state(), ran.id);
    expect(draft.headers.Subject).toBe(own.subject);
    expect(draft.text).toContain('Shall we talk on Tuesday at 10?');
  });

  it('a third touch of one contact in a week is refused by the contact cap; a refused or undone one is no touch', async () => {
    const contactEmail = `cap.${randomUUID().slice(0, 8)}@fernway.example.com`;
    await t.sandbox.fault({ service: 'gmail', kind: 'route_not_found', route: 'POST /gmail/v1/users/:userId/drafts', times: 1 });
    expectStatus(await execute((await newMove(t, 'send_email', { contactEmail })).id), 502);
    const undone = await execute((await newMove(t, 'onboarding_follow_up', { contactEmail })).id);
    expectStatus(undone, 200);
    expectStatus(await api('POST', `/api/executions/${undone.body.id}/rollback`), 200);
    for (const type of ['renewal_outreach', 'book_meeting'] as const) expectStatus(await execute((await newMove(t, type, { contactEmail })).id), 200);
    const third = await execute((await newMove(t, 'send_email', { contactEmail })).id);
    expectStatus(third, 429);
    expect(third.body.guardrail).toBe('contact_cap');
    // A task reaches the team, not the contact: not capped.
    expectStatus(await execute((await newMove(t, 'create_task', { contactEmail })).id), 200);
  });

  it('an execution whose process died mid-run is recovered by the sweep: timed out, the move failed and free again', async () => {
    const move = await newMove(t, 'create_task');
    const dry = await api<DryRunResponse>('POST', `/api/command-queue/${move.id}/execute?dry_run=true`);
    const db = t.app.get(DataSource);
    // As a crash would leave it: claimed ten minutes ago, never finished.
    await db.query(`UPDATE executions SET dry_run = false, status = 'running', started_at = now() - interval '10 minutes', finished_at = NULL WHERE id = $1`, [
      dry.body.execution.id,
    ]);
    await db.query(`UPDATE command_queue_items SET status = 'executing' WHERE id = $1`, [move.id]);
    const recovered = await eventually(async () => {
      const current = (await api<ExecutionView>('GET', `/api/executions/${dry.body.execution.id}`)).body;
      expect(current.status).toBe('timed_out');
      return current;
    });
    expect(recovered.error?.type).toMatch(/execution-timed-out$/);
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('failed');
    expectStatus(await execute(move.id), 200);
  });

  it('a worker taking over a queued run that may still be going waits for its deadline and grace, then settles it', async () => {
    const move = await newMove(t, 'create_task');
    const dry = await api<DryRunResponse>('POST', `/api/command-queue/${move.id}/execute?dry_run=true`);
    const executionId = dry.body.execution.id;
    const db = t.app.get(DataSource);
    // As a run still going leaves it when BullMQ hands its job to another worker (a lock not renewed in time).
    await db.query(`UPDATE executions SET dry_run = false, status = 'running', started_at = now(), finished_at = NULL WHERE id = $1`, [executionId]);
    await db.query(`UPDATE command_queue_items SET status = 'executing' WHERE id = $1`, [move.id]);
    const settings = t.app.get(ExecutionSettings);
    const givenUpAfterMs = (settings.EXECUTION_TIMEOUT_SECONDS + settings.EXECUTION_RECOVERY_GRACE_SECONDS) * 1000;
    const postponed: number[] = [];
    const takenOver = {
      resumed: true,
      postpone: async (delayMs: number): Promise<never> => {
        postponed.push(delayMs);
        throw new Error('postponed');
      },
    };
    const job = t.app.get(QueuedExecutionJob);

    await expect(job.run({ executionId }, takenOver)).rejects.toThrow('postponed');
    expect(postponed).toHaveLength(1);
    expect(postponed[0]).toBeGreaterThan(givenUpAfterMs - 10_000);
    expect(postponed[0]).toBeLessThanOrEqual(givenUpAfterMs);
    expect((await api<ExecutionView>('GET', `/api/executions/${executionId}`)).body.status).toBe('running');

    t.advanceClock(givenUpAfterMs);
    try {
      await job.run({ executionId }, takenOver);
      expect(postponed).toHaveLength(1);
      // Settled (by this run, or by the sweep at the same moment): nothing was made, so timed out.
      expect((await api<ExecutionView>('GET', `/api/executions/${executionId}`)).body.status).toBe('timed_out');
      expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('failed');
    } finally {
      t.advanceClock(-givenUpAfterMs);
    }
  });

  it('five failures in a row open the breaker: the sixth fails fast with 503 and Retry-After, without calling HubSpot', async () => {
    // Six server errors armed for task creates: a sixth call reaching HubSpot would use up the last one.
    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', status: 502, times: 6, route: 'POST /crm/v3/objects/tasks' } as never);
    const failedMoves: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const move = await newMove(t, 'cs_health_check');
      failedMoves.push(move.id);
      const failed = await execute(move.id);
      expectStatus(failed, 502);
      expect(failed.body.provider_status).toBe(502);
      expect(failed.body.execution.status).toBe('failed');
    }
    // A failed move stays in Today, to be retried, done by hand or dismissed.
    const today = await api('GET', '/api/command-queue/today?domain=cs&limit=200');
    const listed = today.body.today_moves.filter((m: { id: string }) => failedMoves.includes(m.id));
    expect(listed.map((m: { status: string }) => m.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);

    const move = await newMove(t, 'cs_health_check');
    const fast = await execute(move.id);
    expectStatus(fast, 503);
    expect(fast.body.guardrail).toBe('circuit_breaker');
    expect(Number(fast.headers.get('retry-after'))).toBeGreaterThan(50);
    expect((await t.sandbox.state()).faults.pending).toHaveLength(1);
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('pending');
    const guardrails = await api<GuardrailsResponse>('GET', '/api/execution/guardrails');
    expect(guardrails.body.breakers.find((b) => b.action_type === 'cs_health_check')).toMatchObject({ state: 'open', consecutive_failures: 5 });
    expect(guardrails.body.breakers.find((b) => b.action_type === 'create_task')).toMatchObject({ state: 'closed' });
  });
});

describe('execution timeout', () => {
  let t: ConnectedTestApp;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    t = await startConnectedTestApp({ EXECUTION_TIMEOUT_SECONDS: '1', EXECUTION_MAX_RETRIES: '0', EXECUTION_SWEEP_SECONDS: '1' });
    api = apiOf(t);
  });
  afterAll(() => t.close());

  it('a slow provider times out (504, call cancelled); the draft it made late is found and removed', async () => {
    const move = await newMove(t, 'onboarding_follow_up');
    await t.sandbox.fault({ service: 'gmail', kind: 'latency', latency_ms: 2500, times: 1, route: 'POST /gmail/v1/users/:userId/drafts' } as never);
    const startedAt = Date.now();
    const answer = await api('POST', `/api/command-queue/${move.id}/execute`, { headers: { 'x-idempotency-key': randomUUID() } });
    // Cancelled at the 1 s deadline, well before the provider's 2.5 s answer.
    expect(Date.now() - startedAt).toBeLessThan(2400);
    expectStatus(answer, 504);
    expect(answer.body.execution.status).toBe('timed_out');
    expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('failed');
    const settled = await eventually(async () => {
      const current = (await api<ExecutionView>('GET', `/api/executions/${answer.body.execution.id}`)).body;
      expect(current.result?.stray_removed).toHaveLength(1);
      return current;
    });
    expect(draftsBy(await t.sandbox.state(), settled.id)).toEqual([]);
  });
});

describe('idempotency without Redis', () => {
  it('a replay after FLUSHDB still answers the stored result from Postgres', async () => {
    // A Redis of its own to flush; the hourly limits count every execution in Postgres, other tests' too.
    const redis = await OwnRedisServer.start();
    const t = await startConnectedTestApp({
      REDIS_URL: redis.url,
      ROLE: 'api',
      EXECUTION_LIMITS_PER_HOUR: ROOMY_LIMITS,
      EXECUTION_CONTACT_TOUCHES_PER_WEEK: '1000',
    });
    try {
      const api = apiOf(t);
      const move = await newMove(t, 'send_email');
      const key = randomUUID();
      const headers = { 'x-idempotency-key': key };
      const first = await api('POST', `/api/command-queue/${move.id}/execute`, { headers });
      expectStatus(first, 200);
      const Redis = (await import('ioredis')).default;
      const client = new Redis(redis.url);
      await client.flushdb();
      await client.quit();
      const again = await api('POST', `/api/command-queue/${move.id}/execute`, { headers: { 'idempotency-key': `"${key}"` } });
      expectStatus(again, 200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
    } finally {
      await t.close();
      await redis.stop();
    }
  });
});
