import {
  ACTION_TYPES,
  ActionType,
  CommandQueueMove,
  DeadLettersResponse,
  ExecutionView,
  OutcomeStatsResponse,
  OutcomeView,
  SignalView,
} from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CommandQueueService } from '../../command-queue/command-queue.service';
import { IntegrationsService } from '../../connectors/oauth/integrations.service';
import { CalendarPoller } from '../../signals/pollers/calendar.poller';
import { GmailRepliesPoller } from '../../signals/pollers/gmail-replies.poller';
import { HubSpotDealsPoller } from '../../signals/pollers/hubspot-deals.poller';
import { ConnectedTestApp, startConnectedTestApp } from '../../testing/connected-test-app';
import { apiOf, domainOf, expectStatus, newMove } from '../../testing/execution-test-kit';
import { eventually, startTestApp } from '../../testing/test-app';
import { OutcomeDetection } from './outcome-detection';
import { OutcomeSweep } from './outcome-sweep';

const ROOMY_LIMITS = ACTION_TYPES.map((type) => `${type}=1000`).join(',');
const HOUR_MS = 3_600_000;

/**
 * The app with both providers connected to a fresh sandbox; detections retried fast, schedules
 * out of the way. The sandbox's ids repeat from run to run, so what earlier runs stored about
 * them (signals, snapshots) goes first.
 */
async function startApp(): Promise<ConnectedTestApp> {
  const boot = await startTestApp({ ROLE: 'api' });
  await boot.app
    .get(DataSource)
    .query('TRUNCATE signals, signal_dedupe_keys, hubspot_deal_snapshots, calendar_event_snapshots, outcome_detection_cursors CASCADE');
  await boot.close();
  return startConnectedTestApp({
    EXECUTION_LIMITS_PER_HOUR: ROOMY_LIMITS,
    EXECUTION_CONTACT_TOUCHES_PER_WEEK: '1000',
    CONNECTOR_RETRY_BASE_MS: '10',
    OUTCOME_DETECTION_ATTEMPTS: '2',
    OUTCOME_DETECTION_BACKOFF_MS: '50',
    OUTCOME_DETECT_EVERY_SECONDS: '600',
    POLL_EVERY_SECONDS: '3600',
  });
}

/**
 * What the test does against the sandbox's provider APIs as a person would (send a draft, tick a task off, move a deal):
 * Google with the app's own tokens, HubSpot with the sandbox's private-app token, which holds every scope (the app may only read deals).
 */
function providerOf(t: ConnectedTestApp) {
  return async (provider: 'google' | 'hubspot', method: string, path: string, body?: unknown) => {
    const token = provider === 'hubspot' ? 'sandbox-private-app-token' : (await t.app.get(IntegrationsService).tokens(provider))!.accessToken;
    const res = await fetch(`${t.sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

function kitOf(t: ConnectedTestApp) {
  const api = apiOf(t);
  const provider = providerOf(t);
  return {
    api,
    provider,
    async executed(move: CommandQueueMove): Promise<ExecutionView> {
      const answer = await api<ExecutionView>('POST', `/api/command-queue/${move.id}/execute`, { headers: { 'x-idempotency-key': randomUUID() } });
      expectStatus(answer, 200);
      return answer.body;
    },
    async outcomesOf(execution: ExecutionView): Promise<OutcomeView[]> {
      const answer = await api<{ items: OutcomeView[] }>('GET', `/api/outcomes?execution_id=${execution.id}&limit=50`);
      expectStatus(answer, 200);
      return answer.body.items;
    },
    async typesOf(execution: ExecutionView): Promise<string[]> {
      return (await this.outcomesOf(execution)).map((outcome) => outcome.outcome_type).sort();
    },
    /** Waits until the execution's outcomes are exactly these types. */
    async expectOutcomes(execution: ExecutionView, types: string[]): Promise<OutcomeView[]> {
      return eventually(async () => {
        const outcomes = await this.outcomesOf(execution);
        expect(outcomes.map((outcome) => outcome.outcome_type).sort()).toEqual([...types].sort());
        return outcomes;
      });
    },
    object(execution: ExecutionView, kind: string) {
      const found = execution.result?.objects.find((object) => object.kind === kind);
      if (!found) throw new Error(`execution ${execution.id} made no ${kind}: ${JSON.stringify(execution.result)}`);
      return found;
    },
    /** A move about a contact the calendar poller knows (it ignores attendees nobody has heard of). */
    async knownContactMove(actionType: ActionType): Promise<CommandQueueMove> {
      const contactEmail = `casey.${randomUUID().slice(0, 8)}@northwind.example.com`;
      expectStatus(await api('POST', '/api/signals', { body: { kind: 'note', note: 'Met at the conference', contact_email: contactEmail } }), 202);
      return newMove(t, actionType, { contactEmail });
    },
  };
}

describe('outcome detection (sandbox)', () => {
  let t: ConnectedTestApp;
  let kit: ReturnType<typeof kitOf>;

  beforeAll(async () => {
    t = await startApp();
    kit = kitOf(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.sandbox.clearFaults());

  it('a reply to the sent draft is reply_received and positive_reply of its execution, recorded once however often it is seen', async () => {
    const execution = await kit.executed(await newMove(t, 'send_email'));
    const draft = kit.object(execution, 'gmail_draft');
    await kit.provider('google', 'POST', '/gmail/v1/users/me/drafts/send', { id: draft.id });
    await t.sandbox.reply({ to_message_id: draft.refs!.rfc822_message_id, text: "Sounds good, let's talk Tuesday" });
    await t.app.get(GmailRepliesPoller).poll();

    const outcomes = await kit.expectOutcomes(execution, ['positive_reply', 'reply_received']);
    expect(outcomes.every((outcome) => outcome.source === 'reply-detector' && outcome.item_id === execution.item_id)).toBe(true);
    expect(outcomes[0].metadata.thread_id).toBe(draft.refs!.thread_id);
    const signal = (await kit.api<SignalView>('GET', `/api/signals/${outcomes[0].metadata.signal_id}`)).body;
    expect(signal).toMatchObject({ source: 'gmail', kind: 'reply_positive' });

    // Seen again (the sweep, a retried job): nothing new.
    expect(await t.app.get(OutcomeDetection).detectSignal(signal)).toBe(0);
    await t.app.get(OutcomeSweep).sweep();
    expect(await kit.typesOf(execution)).toEqual(['positive_reply', 'reply_received']);
  });

  it('a reply asking us to stop is a negative reply and an unsubscribe', async () => {
    const execution = await kit.executed(await newMove(t, 'renewal_outreach'));
    const draft = kit.object(execution, 'gmail_draft');
    await kit.provider('google', 'POST', '/gmail/v1/users/me/drafts/send', { id: draft.id });
    await t.sandbox.reply({ to_message_id: draft.refs!.rfc822_message_id, text: 'Please unsubscribe me from these emails' });
    await t.app.get(GmailRepliesPoller).poll();
    await kit.expectOutcomes(execution, ['negative_reply', 'reply_received', 'unsubscribed']);
  });

  it('a deal advanced after a create_task about it is deal_advanced of that execution', async () => {
    const poller = t.app.get(HubSpotDealsPoller);
    await poller.poll(); // the first poll only records where every deal stands
    const [deal] = (
      await kit.provider('hubspot', 'POST', '/crm/v3/objects/deals/search', {
        filterGroups: [{ filters: [{ propertyName: 'dealstage', operator: 'EQ', value: 'appointmentscheduled' }] }],
        properties: ['dealname', 'dealstage'],
        limit: 1,
      })
    ).results as { id: string }[];
    const { move } = await t.app.get(CommandQueueService).create(
      {
        domain: domainOf('create_task'),
        actionType: 'create_task',
        title: 'Qualify the deal',
        scoreInputs: {},
        contactEmail: `rep.${randomUUID().slice(0, 8)}@northwind.example.com`,
        dealId: deal.id,
      },
      { actor: 'test' },
    );
    const execution = await kit.executed(move);
    await kit.provider('hubspot', 'PATCH', `/crm/v3/objects/deals/${deal.id}`, { properties: { dealstage: 'qualifiedtobuy' } });
    await poller.poll();

    const [advanced] = await kit.expectOutcomes(execution, ['deal_advanced']);
    expect(advanced).toMatchObject({ source: 'deal-detector', metadata: { deal_id: deal.id, deal_stage_to: 'Qualified To Buy' } });
    const amount = Number(advanced.metadata.deal_amount_usd);
    expect(amount).toBeGreaterThan(0);
    const stats = await kit.api<OutcomeStatsResponse>(
      'GET',
      `/api/outcomes/stats?from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&domain=sales`,
    );
    expect(stats.body.rows.find((row) => row.action_type === 'create_task')?.net_impact_usd).toBe(amount);
  });

  it("a meeting the contact books after an email is that email's meeting_booked; CaseyOS's own booking is no outcome, its cancellation is", async () => {
    const poller = t.app.get(CalendarPoller);
    await poller.poll(); // the first sync only records what is on the calendar
    const emailMove = await kit.knownContactMove('send_email');
    const email = await kit.executed(emailMove);
    const tomorrow = new Date(Date.now() + 24 * HOUR_MS);
    await kit.provider('google', 'POST', '/calendar/v3/calendars/primary/events', {
      summary: 'Intro call',
      start: { dateTime: tomorrow.toISOString() },
      end: { dateTime: new Date(tomorrow.getTime() + HOUR_MS).toISOString() },
      attendees: [{ email: emailMove.contact_email }],
    });
    await poller.poll();
    const [booked] = await kit.expectOutcomes(email, ['meeting_booked']);
    expect(booked.source).toBe('meeting-detector');

    const meeting = await kit.executed(await newMove(t, 'book_meeting', { contactEmail: emailMove.contact_email! }));
    const event = kit.object(meeting, 'calendar_event');
    await poller.poll();
    await kit.provider('google', 'DELETE', `/calendar/v3/calendars/primary/events/${event.id}`);
    await poller.poll();
    const [cancelled] = await kit.expectOutcomes(meeting, ['meeting_cancelled']);
    expect(cancelled.metadata.event_id).toBe(event.id);
    expect(await kit.typesOf(email)).toEqual(['meeting_booked']);
  });

  it('a detection that keeps failing is dead-lettered with its error, and succeeds when retried by hand', async () => {
    const execution = await kit.executed(await newMove(t, 'create_task'));
    const task = kit.object(execution, 'hubspot_task');
    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', status: 503, route: 'POST /crm/v3/objects/tasks/batch/read', times: 1000 });
    await t.app.get(OutcomeSweep).sweep();

    const letterId = `task-${execution.id}`;
    const letter = await eventually(async () => {
      const { body } = await kit.api<DeadLettersResponse>('GET', '/api/outcomes/dead-letters');
      const found = body.items.find((item) => item.id === letterId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(letter).toMatchObject({ unit: 'task', subject_id: execution.id, attempts: 2 });
    expect(letter.error).toMatch(/503|unavailable/i);
    expect(await kit.typesOf(execution)).toEqual([]);

    await t.sandbox.clearFaults();
    await kit.provider('hubspot', 'PATCH', `/crm/v3/objects/tasks/${task.id}`, { properties: { hs_task_status: 'COMPLETED' } });
    expectStatus(await kit.api('POST', `/api/outcomes/dead-letters/${letterId}/retry`), 200);
    await kit.expectOutcomes(execution, ['task_completed']);
    const { body } = await kit.api<DeadLettersResponse>('GET', '/api/outcomes/dead-letters');
    expect(body.items.map((item) => item.id)).not.toContain(letterId);
    expectStatus(await kit.api('POST', `/api/outcomes/dead-letters/${letterId}/retry`), 404);
  });

  it('answers a malformed dead-letter id with a 400 problem', async () => {
    const answer = await kit.api('POST', '/api/outcomes/dead-letters/nonsense/retry');
    expectStatus(answer, 400);
    expect(answer.type).toContain('application/problem+json');
  });
});

describe('outcome detection over time (test clock)', () => {
  let t: ConnectedTestApp;
  let kit: ReturnType<typeof kitOf>;

  beforeAll(async () => {
    t = await startApp();
    kit = kitOf(t);
  });
  afterAll(() => t.close());

  it('silence past the attribution window is no_response; an answered email is not', async () => {
    const silent = await kit.executed(await newMove(t, 'send_email'));
    const answered = await kit.executed(await newMove(t, 'send_email'));
    expectStatus(await kit.api('POST', '/api/outcomes/record', { body: { item_id: answered.item_id, outcome_type: 'reply_received' } }), 201);

    t.advanceClock(72 * HOUR_MS - HOUR_MS);
    await t.app.get(OutcomeSweep).sweep();
    expect(await kit.typesOf(silent)).toEqual([]); // the window is still open

    t.advanceClock(2 * HOUR_MS);
    await t.app.get(OutcomeSweep).sweep();
    await t.app.get(OutcomeSweep).sweep();
    const [noResponse] = await kit.expectOutcomes(silent, ['no_response']);
    expect(noResponse.source).toBe('no-response-sweep');
    expect(new Date(noResponse.detected_at).getTime()).toBe(new Date(silent.finished_at!).getTime() + 72 * HOUR_MS);
    expect(await kit.typesOf(answered)).toEqual(['reply_received']);
  });

  it('after its end a meeting the contact accepted is meeting_held, one nobody answered meeting_no_show', async () => {
    const accepted = await kit.executed(await newMove(t, 'book_meeting'));
    const unanswered = await kit.executed(await newMove(t, 'book_meeting'));
    const event = kit.object(accepted, 'calendar_event');
    const current = await kit.provider('google', 'GET', `/calendar/v3/calendars/primary/events/${event.id}`);
    const attendees = (current.attendees as { email: string; responseStatus: string }[]).map((attendee) =>
      attendee.email === accepted.contact_email ? { ...attendee, responseStatus: 'accepted' } : attendee,
    );
    await kit.provider('google', 'PATCH', `/calendar/v3/calendars/primary/events/${event.id}`, { attendees });

    await t.app.get(OutcomeSweep).sweep();
    expect(await kit.typesOf(accepted)).toEqual([]); // not over yet

    t.advanceClock(9 * 24 * HOUR_MS);
    await t.app.get(OutcomeSweep).sweep();
    await kit.expectOutcomes(accepted, ['meeting_held']);
    await kit.expectOutcomes(unanswered, ['meeting_no_show']);
  });
});
