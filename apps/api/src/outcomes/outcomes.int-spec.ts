import {
  ACTION_TYPES,
  ActionType,
  CommandQueueMove,
  ContactTimelineResponse,
  ConversionFunnelResponse,
  DryRunResponse,
  ExecutionView,
  OUTCOME_TYPES,
  OutcomeStatsResponse,
  OutcomeType,
  OutcomeView,
  Page,
  ProblemDetails,
} from '@caseyos/contracts';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EventBus } from '../platform/events/event-bus.service';
import { ConnectedTestApp, startConnectedTestApp } from '../testing/connected-test-app';
import { ApiAnswer, apiOf, emptyExecutionTables, expectStatus, newMove } from '../testing/execution-test-kit';
import { metricGrowth } from '../testing/metrics';
import { freePort } from '../testing/redis-server';
import { TEST_ADMIN_TOKEN, eventually, operatorHeaders } from '../testing/test-app';
import { OutcomeRecorder } from './outcome-recorder';

/** Limits high enough that these tests never meet them. */
const ROOMY_LIMITS = ACTION_TYPES.map((type) => `${type}=1000`).join(',');
const HOUR_MS = 3_600_000;

const hoursAfter = (iso: string | null, hours: number) => new Date(Date.parse(iso ?? '') + hours * HOUR_MS).toISOString();
const idsOf = (items: { id: string }[]) => items.map((item) => item.id);

/** The built API (`nx run api:build`) as a process of its own in time zone `tz`, role api, on this suite's Postgres and Redis. */
async function startApiProcessIn(tz: string): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '..', '..', '..', '..', 'dist', 'api', 'apps', 'api', 'src', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ROLE: 'api',
      HOST: '127.0.0.1',
      PORT: String(port),
      RATE_LIMIT_MAX: '1000000',
      TZ: tz,
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await eventually(async () => expect((await fetch(`${baseUrl}/ready`)).status).toBe(200), 60_000, 250);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

function expectProblem(answer: ApiAnswer, status: number): void {
  expectStatus(answer, status);
  expect(answer.type).toContain('application/problem+json');
}

describe('outcomes', () => {
  let t: ConnectedTestApp;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    t = await startConnectedTestApp({ EXECUTION_LIMITS_PER_HOUR: ROOMY_LIMITS, EXECUTION_CONTACT_TOUCHES_PER_WEEK: '1000' });
    api = apiOf(t);
    // The stats tests measure fixed past windows: executions of an earlier run must not be in them.
    await emptyExecutionTables(t);
  });
  afterAll(() => t.close());

  const record = <T = OutcomeView>(body: Record<string, unknown>) => api<T>('POST', '/api/outcomes/record', { body });

  async function execute(itemId: string): Promise<ExecutionView> {
    const answer = await api<ExecutionView>('POST', `/api/command-queue/${itemId}/execute`, { headers: { 'x-idempotency-key': randomUUID() } });
    expectStatus(answer, 200);
    return answer.body;
  }

  async function executedMove(actionType: ActionType, contactEmail?: string): Promise<{ move: CommandQueueMove; execution: ExecutionView }> {
    const move = await newMove(t, actionType, { contactEmail });
    return { move, execution: await execute(move.id) };
  }

  /** Runs `work` with the app's clock at `instant` (executions start then), and puts the clock back. */
  async function at<T>(instant: string, work: () => Promise<T>): Promise<T> {
    const offset = Date.parse(instant) - Date.now();
    t.advanceClock(offset);
    try {
      return await work();
    } finally {
      t.advanceClock(-offset);
    }
  }

  describe('POST /api/outcomes/record', () => {
    it('records once: 201, then 200 with the same outcome for the same evidence; audited with the actor, counted and announced', async () => {
      const { move, execution } = await executedMove('send_email');
      const announced: unknown[] = [];
      const subscription = t.app.get(EventBus).events.subscribe((event) => announced.push(event));
      try {
        const body = { item_id: move.id, outcome_type: 'positive_reply', note: 'Wants a demo next week' };
        // The same evidence twice counts once.
        const { growth, result: first } = await metricGrowth(
          t.baseUrl,
          { recorded: ['caseyos_outcome_recorded_total', { outcome_type: 'positive_reply', source: 'manual' }] },
          async () => {
            const answer = await record(body);
            expectStatus(await record(body), 200);
            return answer;
          },
        );
        expect(growth).toEqual({ recorded: 1 });
        expectStatus(first, 201);
        expect(first.body).toMatchObject({
          item_id: move.id,
          execution_id: execution.id,
          outcome_type: 'positive_reply',
          contact_email: move.contact_email,
          source: 'manual',
          actor: 'operator:token',
          metadata: { note: 'Wants a demo next week' },
          evidence_key: 'note=Wants%20a%20demo%20next%20week',
        });
        const again = await record({ ...body, note: ' Wants a demo next week ' });
        expectStatus(again, 200);
        expect(again.body).toEqual(first.body);

        expect(idsOf((await api<Page<OutcomeView>>('GET', `/api/outcomes?item_id=${move.id}`)).body.items)).toEqual([first.body.id]);
        const audit = await api('GET', `/api/audit?subject=outcome_event:${first.body.id}`);
        expect(audit.body.items).toHaveLength(1);
        expect(audit.body.items[0]).toMatchObject({
          action: 'outcome.recorded',
          actor: 'operator:token',
          result: 'success',
          request_id: first.headers.get('x-request-id'),
          detail: { item_id: move.id, execution_id: execution.id, outcome_type: 'positive_reply', source: 'manual' },
        });
        await eventually(async () => expect(announced).toContainEqual({ type: 'outcome.recorded', data: { type: 'outcome.recorded', outcome: first.body } }));
      } finally {
        subscription.unsubscribe();
      }
    });

    it('ten identical records at once store one outcome: one 201, nine 200 with it', async () => {
      const { move } = await executedMove('create_task');
      const answers = await Promise.all(Array.from({ length: 10 }, () => record({ item_id: move.id, outcome_type: 'task_completed' })));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
      expect((await api<Page<OutcomeView>>('GET', `/api/outcomes?item_id=${move.id}`)).body.items).toHaveLength(1);
    });

    it("attributes to the move's succeeded execution only when it started before the outcome; otherwise to the move alone", async () => {
      const { move, execution } = await at('2025-03-03T10:00:00Z', () => executedMove('send_email'));
      const after = await record({ item_id: move.id, outcome_type: 'meeting_booked', detected_at: hoursAfter(execution.finished_at, 0.5) });
      expectStatus(after, 201);
      expect(after.body).toMatchObject({
        execution_id: execution.id,
        detected_at: hoursAfter(execution.finished_at, 0.5),
        metadata: { reported_at: hoursAfter(execution.finished_at, 0.5) },
      });
      const before = await record({ item_id: move.id, outcome_type: 'meeting_booked', detected_at: '2020-01-01' });
      expectStatus(before, 201);
      expect(before.body).toMatchObject({ execution_id: null, detected_at: '2020-01-01T00:00:00.000Z' });

      const pending = await newMove(t, 'send_email');
      const unexecuted = await record({ item_id: pending.id, outcome_type: 'reply_received' });
      expectStatus(unexecuted, 201);
      expect(unexecuted.body).toMatchObject({ item_id: pending.id, execution_id: null, contact_email: pending.contact_email });
      expectStatus(await record({ item_id: pending.id, outcome_type: 'reply_received' }), 200);
    });

    it('the recorder (what detectors call) keeps one event per evidence and execution; without an execution, per move', async () => {
      const recorder = t.app.get(OutcomeRecorder);
      const { move, execution } = await executedMove('send_email');
      const seen = {
        itemId: move.id,
        executionId: execution.id,
        outcomeType: 'reply_received' as const,
        contactEmail: move.contact_email,
        detectedAt: new Date(),
        source: 'gmail-replies',
        by: { actor: 'system:test' },
      };
      const [one, two] = await Promise.all([
        recorder.record({ ...seen, evidence: { message_id: 'm-1', thread_id: 't-1' } }),
        recorder.record({ ...seen, evidence: { thread_id: 't-1', message_id: 'm-1' } }),
      ]);
      expect([one.created, two.created].sort()).toEqual([false, true]);
      expect(one.outcome.id).toBe(two.outcome.id);
      expect((await recorder.record({ ...seen, evidence: { message_id: 'm-2', thread_id: 't-1' } })).created).toBe(true);

      const [first, second] = [await newMove(t, 'send_email'), await newMove(t, 'send_email')];
      const unattributed = { ...seen, executionId: null, evidence: { message_id: 'm-3' } };
      expect((await recorder.record({ ...unattributed, itemId: first.id })).created).toBe(true);
      expect((await recorder.record({ ...unattributed, itemId: first.id })).created).toBe(false);
      expect((await recorder.record({ ...unattributed, itemId: second.id })).created).toBe(true);
    });

    it('refuses bad input with a 400 problem and writes nothing', async () => {
      const move = await newMove(t, 'send_email');
      const unknownType = await record<ProblemDetails>({ item_id: move.id, outcome_type: 'went_viral' });
      expectProblem(unknownType, 400);
      expect(unknownType.body.errors).toEqual([{ field: 'outcome_type', messages: [expect.stringContaining('reply_received')] }]);
      for (const body of [
        {},
        { item_id: 'not-a-uuid', outcome_type: 'reply_received' },
        { item_id: move.id, outcome_type: 'reply_received', admin: true },
        { item_id: move.id, outcome_type: 'reply_received', detected_at: '2026-02-30' },
        { item_id: move.id, outcome_type: 'reply_received', detected_at: '2026-01-01T10:00:00' },
        { item_id: move.id, outcome_type: 'reply_received', detected_at: new Date(Date.now() + HOUR_MS).toISOString() },
        { item_id: move.id, outcome_type: 'reply_received', note: 'x'.repeat(2001) },
        { item_id: move.id, outcome_type: 'reply_received', execution_id: 42 },
      ]) {
        expectProblem(await record(body), 400);
      }
      expect((await api<Page<OutcomeView>>('GET', `/api/outcomes?item_id=${move.id}`)).body.items).toEqual([]);
    });

    it('404 for an unknown move; 422 for an execution that is not a succeeded execution of the move, or started after the outcome', async () => {
      expectProblem(await record({ item_id: randomUUID(), outcome_type: 'reply_received' }), 404);
      const { move, execution } = await executedMove('send_email');
      const { execution: foreign } = await executedMove('send_email');
      const other = await newMove(t, 'send_email');
      const dryRun = await api<DryRunResponse>('POST', `/api/command-queue/${other.id}/execute?dry_run=true`);
      const refused = [
        { item_id: move.id, outcome_type: 'reply_received', execution_id: foreign.id },
        { item_id: move.id, outcome_type: 'reply_received', execution_id: randomUUID() },
        { item_id: other.id, outcome_type: 'reply_received', execution_id: dryRun.body.execution.id },
        { item_id: move.id, outcome_type: 'reply_received', execution_id: execution.id, detected_at: '2020-01-01T00:00:00Z' },
      ];
      for (const body of refused) {
        const answer = await record<ProblemDetails>(body);
        expectProblem(answer, 422);
        expect(answer.body.type).toBe('urn:caseyos:problem:execution-not-attributable');
      }
      for (const itemId of [move.id, other.id]) expect((await api<Page<OutcomeView>>('GET', `/api/outcomes?item_id=${itemId}`)).body.items).toEqual([]);
    });
  });

  describe('GET /api/outcomes', () => {
    it('filters by move, execution, contact (any case), type and [from, to), newest detected first, with cursor paging', async () => {
      const contact = `lena.${randomUUID().slice(0, 8)}@fernway.example.com`;
      const { move, execution } = await at('2025-04-01T10:00:00Z', () => executedMove('send_email', contact));
      const { move: otherMove } = await at('2025-04-01T10:00:00Z', () => executedMove('send_email'));
      const recorded: Record<string, OutcomeView> = {};
      for (const [name, type, detectedAt] of [
        ['reply', 'reply_received', '2025-04-01T11:00:00Z'],
        ['meeting', 'meeting_booked', '2025-04-01T12:00:00Z'],
        ['deal', 'deal_created', '2025-04-01T13:00:00Z'],
      ] as const) {
        const answer = await record({ item_id: move.id, outcome_type: type, detected_at: detectedAt });
        expectStatus(answer, 201);
        recorded[name] = answer.body;
      }
      expectStatus(await record({ item_id: otherMove.id, outcome_type: 'meeting_booked', detected_at: '2025-04-01T12:00:00Z' }), 201);
      const list = async (query: string) => {
        const answer = await api<Page<OutcomeView>>('GET', `/api/outcomes?${query}`);
        expectStatus(answer, 200);
        return answer.body;
      };
      const newestFirst = [recorded.deal.id, recorded.meeting.id, recorded.reply.id];

      expect(idsOf((await list(`item_id=${move.id}`)).items)).toEqual(newestFirst);
      expect(idsOf((await list(`execution_id=${execution.id}`)).items)).toEqual(newestFirst);
      expect(idsOf((await list(`contact=${encodeURIComponent(contact.toUpperCase())}`)).items)).toEqual(newestFirst);
      expect(idsOf((await list(`item_id=${move.id}&outcome_type=meeting_booked`)).items)).toEqual([recorded.meeting.id]);
      expect(idsOf((await list(`item_id=${move.id}&from=2025-04-01T11:30:00Z&to=2025-04-01T13:00:00Z`)).items)).toEqual([recorded.meeting.id]);

      const first = await list(`item_id=${move.id}&limit=2`);
      expect(idsOf(first.items)).toEqual(newestFirst.slice(0, 2));
      expect(first.next_cursor).toEqual(expect.any(String));
      const second = await list(`item_id=${move.id}&limit=2&cursor=${first.next_cursor}`);
      expect(idsOf(second.items)).toEqual(newestFirst.slice(2));
      expect(second.next_cursor).toBeNull();
    });

    it('answers bad parameters with a 400 problem', async () => {
      for (const query of [
        'contact=not-an-email',
        'from=yesterday',
        'from=2025-05-02&to=2025-05-01',
        'cursor=garbage',
        'outcome_type=went_viral',
        'limit=0',
        'item_id=42',
        'colour=red',
      ]) {
        expectProblem(await api('GET', `/api/outcomes?${query}`), 400);
      }
    });
  });

  describe('stats and the conversion funnel', () => {
    it('add up on executed moves and their outcomes; dry runs, rolled-back executions and unattributed outcomes do not count', async () => {
      const day = '2025-09-10';
      const fixture = await at(`${day}T10:00:00Z`, async () => {
        const [a, b, c, d] = [
          await executedMove('send_email'),
          await executedMove('send_email'),
          await executedMove('send_email'),
          await executedMove('send_email'),
        ];
        const [task, post, renewal] = [await executedMove('create_task'), await executedMove('social_post'), await executedMove('renewal_outreach')];
        expectStatus(await api('POST', `/api/command-queue/${(await newMove(t, 'send_email')).id}/execute?dry_run=true`), 200);
        return { a, b, c, d, task, post, renewal };
      });
      const { a, b, c, d, task, renewal } = fixture;
      const outcome = async (executed: { move: CommandQueueMove; execution: ExecutionView }, type: OutcomeType, hours: number) =>
        expectStatus(await record({ item_id: executed.move.id, outcome_type: type, detected_at: hoursAfter(executed.execution.finished_at, hours) }), 201);
      await outcome(a, 'reply_received', 2);
      await outcome(a, 'meeting_booked', 72);
      await outcome(b, 'positive_reply', 30);
      await outcome(b, 'deal_created', 120);
      await outcome(c, 'negative_reply', 1);
      await outcome(d, 'reply_received', 1);
      await outcome(task, 'task_completed', 5);
      await outcome(renewal, 'auto_reply', 0.5);
      expectStatus(await api('POST', `/api/executions/${d.execution.id}/rollback`), 200);
      expectStatus(
        await record({ item_id: (await at(`${day}T11:00:00Z`, () => newMove(t, 'send_email'))).id, outcome_type: 'deal_won', detected_at: `${day}T12:00:00Z` }),
        201,
      );

      const stats = await api<OutcomeStatsResponse>('GET', `/api/outcomes/stats?from=${day}&to=2025-09-11`);
      expectStatus(stats, 200);
      expect(stats.body).toMatchObject({ from: `${day}T00:00:00.000Z`, to: '2025-09-11T00:00:00.000Z', domain: null });
      expect(stats.body.rows.map((row) => row.action_type)).toEqual([...ACTION_TYPES]);
      const row = (actionType: ActionType) => stats.body.rows.find((candidate) => candidate.action_type === actionType);
      expect(row('send_email')).toEqual({
        domain: 'sales',
        action_type: 'send_email',
        executions: 3,
        outcomes: { reply_received: 1, meeting_booked: 1, positive_reply: 1, deal_created: 1, negative_reply: 1 },
        successes: 2,
        success_rate: 0.6667,
        email_executions: 3,
        replied_within_24h: 2,
        reply_rate_24h: 0.6667,
        meetings: 1,
        meeting_rate: 0.3333,
        median_seconds_to_reply: 2 * 3600,
        net_impact_usd: 0, // deal_created adds no value, and a hand-recorded outcome names no deal
      });
      expect(row('create_task')).toMatchObject({ executions: 1, successes: 1, success_rate: 1, outcomes: { task_completed: 1 }, reply_rate_24h: null });
      expect(row('social_post')).toMatchObject({ domain: 'marketing', executions: 1, successes: 0, success_rate: 0, outcomes: {} });
      expect(row('renewal_outreach')).toMatchObject({
        domain: 'cs',
        executions: 1,
        successes: 0,
        email_executions: 1,
        replied_within_24h: 0,
        reply_rate_24h: 0,
        outcomes: { auto_reply: 1 },
      });
      expect(row('book_meeting')).toMatchObject({ executions: 0, success_rate: null, meeting_rate: null });
      expect(stats.body.totals).toMatchObject({
        executions: 6,
        successes: 3,
        email_executions: 4,
        replied_within_24h: 2,
        reply_rate_24h: 0.5,
        meetings: 1,
        median_seconds_to_reply: 2 * 3600,
      });
      expect(stats.body.totals.executions).toBe(stats.body.rows.reduce((sum, r) => sum + r.executions, 0));
      expect(stats.body.totals.successes).toBe(stats.body.rows.reduce((sum, r) => sum + r.successes, 0));

      const sales = await api<OutcomeStatsResponse>('GET', `/api/outcomes/stats?from=${day}&to=2025-09-11&domain=sales`);
      expect(sales.body.rows).toEqual(stats.body.rows.filter((r) => r.domain === 'sales'));
      expect(sales.body.totals).toMatchObject({ executions: 4, successes: 3 });

      const funnel = await api<ConversionFunnelResponse>('GET', `/api/analytics/conversion-funnel?period=day&from=${day}&to=2025-09-11`);
      expectStatus(funnel, 200);
      const bucket = { period_start: `${day}T00:00:00.000Z`, period_end: '2025-09-11T00:00:00.000Z' };
      expect(funnel.body.rows).toEqual([
        { domain: 'sales', ...bucket, total_sent: 3, replies: 3, meetings: 1, deals: 1 },
        { domain: 'marketing', ...bucket, total_sent: 0, replies: 0, meetings: 0, deals: 0 },
        { domain: 'cs', ...bucket, total_sent: 1, replies: 0, meetings: 0, deals: 0 },
      ]);
      expect(funnel.body.totals).toEqual(
        funnel.body.rows.map(({ domain, total_sent, replies, meetings, deals }) => ({ domain, total_sent, replies, meetings, deals })),
      );
      // Sent = the outreach executions the stats count.
      expect(funnel.body.totals[0].total_sent).toBe((row('send_email')?.executions ?? 0) + (row('book_meeting')?.executions ?? 0));
    });

    it('buckets in UTC whatever the time zone of the API process: a Sunday 23:30 UTC and a Monday 00:30 UTC are different days and weeks', async () => {
      const sunday = await at('2025-06-01T23:30:00Z', () => executedMove('send_email'));
      const monday = await at('2025-06-02T00:30:00Z', () => executedMove('send_email'));
      expect([sunday.execution.started_at?.slice(0, 15), monday.execution.started_at?.slice(0, 15)]).toEqual(['2025-06-01T23:3', '2025-06-02T00:3']);
      expectStatus(await record({ item_id: monday.move.id, outcome_type: 'reply_received', detected_at: hoursAfter(monday.execution.finished_at, 1) }), 201);
      const queries = ['period=week&from=2025-05-26&to=2025-06-09', 'period=day&from=2025-06-01&to=2025-06-03', 'period=month&from=2025-05-01&to=2025-07-01'];
      const expected = [
        [
          ['2025-05-26T00:00:00.000Z', 1, 0],
          ['2025-06-02T00:00:00.000Z', 1, 1],
        ],
        [
          ['2025-06-01T00:00:00.000Z', 1, 0],
          ['2025-06-02T00:00:00.000Z', 1, 1],
        ],
        [
          ['2025-05-01T00:00:00.000Z', 0, 0],
          ['2025-06-01T00:00:00.000Z', 2, 1],
        ],
      ];
      const funnelsOf = (base: string) =>
        Promise.all(
          queries.map(async (query) => {
            const answer = await fetch(`${base}/api/analytics/conversion-funnel?domain=sales&${query}`, { headers: operatorHeaders });
            expect(answer.status).toBe(200);
            const body = (await answer.json()) as ConversionFunnelResponse;
            return body.rows.map(({ period_start, total_sent, replies }) => [period_start, total_sent, replies]);
          }),
        );
      expect(await funnelsOf(t.baseUrl)).toEqual(expected);
      // A process reads TZ once, at start: the built API runs west and east of UTC.
      const elsewhere = await Promise.all(['America/Los_Angeles', 'Asia/Kolkata'].map(startApiProcessIn));
      try {
        for (const api of elsewhere) expect(await funnelsOf(api.baseUrl)).toEqual(expected);
      } finally {
        await Promise.all(elsewhere.map((api) => api.stop()));
      }
    });

    it('answer bad parameters with a 400 problem, never a 500', async () => {
      for (const path of ['/api/outcomes/stats', '/api/analytics/conversion-funnel']) {
        for (const query of [
          'from=2025-13-01',
          'from=2025-06-02&to=2025-06-01',
          'to=2025-06-01T10:00:00',
          'domain=finance',
          'from=2023-01-01&to=2025-01-01',
          'from=2999-01-01',
        ]) {
          expectProblem(await api('GET', `${path}?${query}`), 400);
        }
      }
      expectProblem(await api('GET', '/api/analytics/conversion-funnel?period=year'), 400);
      expectStatus(await api('GET', '/api/analytics/conversion-funnel'), 200);
    });
  });

  describe('GET /api/outcomes/contact/{email}', () => {
    it("merges the contact's signal, move, execution and outcome, newest first; dry runs left out; bounded by limit", async () => {
      const contact = `rae.${randomUUID().slice(0, 8)}@orchard.example.com`;
      const ingested = await api('POST', '/api/signals', { body: { kind: 'follow_up', note: 'Asked for a call back', contact_email: contact } });
      expectStatus(ingested, 202);
      const move: CommandQueueMove = ingested.body.move;
      expectStatus(await api('POST', `/api/command-queue/${move.id}/execute?dry_run=true`), 200);
      const execution = await execute(move.id);
      const outcome = await record({ item_id: move.id, outcome_type: 'task_completed' });
      expectStatus(outcome, 201);

      const timeline = await api<ContactTimelineResponse>('GET', `/api/outcomes/contact/${encodeURIComponent(contact.toUpperCase())}`);
      expectStatus(timeline, 200);
      expect(timeline.body.contact_email).toBe(contact);
      expect(timeline.body.truncated).toBe(false);
      const entryIds = timeline.body.entries.map((entry) => {
        if (entry.kind === 'signal') return [entry.kind, entry.signal.id];
        if (entry.kind === 'move') return [entry.kind, entry.move.id];
        if (entry.kind === 'execution') return [entry.kind, entry.execution.id];
        return [entry.kind, entry.outcome.id];
      });
      expect(entryIds).toEqual([
        ['outcome', outcome.body.id],
        ['execution', execution.id],
        ['move', move.id],
        ['signal', ingested.body.signal_id],
      ]);
      const ats = timeline.body.entries.map((entry) => entry.at);
      expect([...ats].sort().reverse()).toEqual(ats);

      const bounded = await api<ContactTimelineResponse>('GET', `/api/outcomes/contact/${contact}?limit=2`);
      expect(bounded.body.entries.map((entry) => entry.kind)).toEqual(['outcome', 'execution']);
      expect(bounded.body.truncated).toBe(true);
      const stranger = await api<ContactTimelineResponse>('GET', `/api/outcomes/contact/nobody.${randomUUID().slice(0, 8)}@example.com`);
      expect(stranger.body).toMatchObject({ entries: [], truncated: false });
    });

    it('answers a malformed email or limit with a 400 problem', async () => {
      expectProblem(await api('GET', '/api/outcomes/contact/not-an-email'), 400);
      expectProblem(await api('GET', '/api/outcomes/contact/dana@example.com?limit=0'), 400);
      expectProblem(await api('GET', '/api/outcomes/contact/dana@example.com?limit=201'), 400);
    });
  });

  it('every endpoint needs the operator', async () => {
    const requests: [string, string][] = [
      ['POST', '/api/outcomes/record'],
      ['GET', '/api/outcomes'],
      ['GET', '/api/outcomes/stats'],
      ['GET', '/api/outcomes/contact/dana@example.com'],
      ['GET', '/api/analytics/conversion-funnel'],
    ];
    for (const [method, path] of requests) {
      const answer = await fetch(t.baseUrl + path, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
        body: method === 'POST' ? JSON.stringify({ item_id: randomUUID(), outcome_type: 'reply_received' }) : undefined,
      });
      expect([path, answer.status]).toEqual([path, 401]);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  describe('schema', () => {
    it('accepts exactly the 18 outcome types', async () => {
      const [{ definition }] = await t.app
        .get(DataSource)
        .query(`SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'chk_outcome_events_type'`);
      const allowed = [...(definition as string).matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
      expect(allowed.sort()).toEqual([...OUTCOME_TYPES].sort());
    });

    it('the listing, contact, stats and window queries use their indexes', async () => {
      const db = t.app.get(DataSource);
      const { move } = await executedMove('send_email');
      // A few thousand rows, so the planner chooses as it would on a real table.
      await db.query(
        `INSERT INTO outcome_events (id, item_id, execution_id, outcome_type, contact_email, detected_at, source, evidence_key, actor, created_at)
         SELECT gen_random_uuid(), $1, NULL, 'reply_received', 'bulk' || (g % 500) || '@example.com', now() - g * interval '1 minute', 'test', 'bulk=' || g, 'test', now()
           FROM generate_series(1, 5000) AS g`,
        [move.id],
      );
      await db.query(
        `INSERT INTO executions (id, item_id, domain, action_type, title, status, dry_run, request_hash, actor, created_at, started_at, finished_at, updated_at)
         SELECT gen_random_uuid(), $1, 'sales', (ARRAY['send_email','create_task','book_meeting'])[1 + g % 3], 'x', 'succeeded', false, 'h', 'test',
                now(), timestamptz '2001-01-01' + g * interval '1 hour', timestamptz '2001-01-01' + g * interval '1 hour', now()
           FROM generate_series(1, 5000) AS g`,
        [move.id],
      );
      await db.query('ANALYZE outcome_events');
      await db.query('ANALYZE executions');
      const plan = async (sql: string, values: unknown[]) => JSON.stringify(await db.query(`EXPLAIN ${sql}`, values));
      expect(await plan('SELECT * FROM outcome_events WHERE item_id = $1 ORDER BY detected_at DESC, id DESC LIMIT 51', [randomUUID()])).toContain(
        'idx_outcome_events_item_detected',
      );
      expect(await plan('SELECT * FROM outcome_events WHERE contact_email = $1 ORDER BY detected_at DESC, id DESC LIMIT 101', ['bulk7@example.com'])).toContain(
        'idx_outcome_events_contact_detected',
      );
      expect(
        await plan('SELECT execution_id, outcome_type, detected_at FROM outcome_events WHERE execution_id = ANY($1::uuid[])', [[randomUUID(), randomUUID()]]),
      ).toContain('uq_outcome_events_execution_evidence');
      expect(
        await plan(
          `SELECT id FROM executions WHERE action_type IN ('send_email', 'book_meeting') AND NOT dry_run AND status = 'succeeded' AND started_at >= $1 AND started_at < $2`,
          ['2001-03-01', '2001-03-02'],
        ),
      ).toContain('idx_executions_action_started');
    });
  });
});
