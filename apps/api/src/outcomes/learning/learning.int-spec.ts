import { ACTION_TYPES, AccountHealth, ActionType, CommandQueueMove, ExecutionView, OutcomeType, QueueChangedEvent } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { AccountsService } from '../../accounts/accounts.service';
import { OutcomeHistorySocket } from '../../command-queue/outcome-history.port';
import { EventBus } from '../../platform/events/event-bus.service';
import { ConnectedTestApp, startConnectedTestApp } from '../../testing/connected-test-app';
import { apiOf, expectStatus, newMove } from '../../testing/execution-test-kit';
import { eventually } from '../../testing/test-app';

/** Limits high enough that these tests never meet them. */
const ROOMY_LIMITS = ACTION_TYPES.map((type) => `${type}=1000`).join(',');
const DAY_MS = 86_400_000;

/**
 * Each test learns on action types of its own, and compares scores taken before and after its
 * outcomes, so neither the order of the tests nor what earlier suites left in the database matters.
 */
describe('learning from outcomes', () => {
  let t: ConnectedTestApp;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    t = await startConnectedTestApp({ EXECUTION_LIMITS_PER_HOUR: ROOMY_LIMITS, EXECUTION_CONTACT_TOUCHES_PER_WEEK: '1000' });
    api = apiOf(t);
  });
  afterAll(() => t.close());

  async function execute(move: CommandQueueMove): Promise<ExecutionView> {
    const answer = await api<ExecutionView>('POST', `/api/command-queue/${move.id}/execute`, { headers: { 'x-idempotency-key': randomUUID() } });
    expectStatus(answer, 200);
    return answer.body;
  }

  async function record(move: CommandQueueMove, outcomeType: OutcomeType): Promise<void> {
    expectStatus(await api('POST', '/api/outcomes/record', { body: { item_id: move.id, outcome_type: outcomeType, note: randomUUID() } }), 201);
  }

  /** Executes fresh moves of `actionType` and records `outcomeType` for each. */
  async function executedWith(actionType: ActionType, outcomeType: OutcomeType, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const move = await newMove(t, actionType);
      await execute(move);
      await record(move, outcomeType);
    }
  }

  const get = async (id: string) => (await api<CommandQueueMove>('GET', `/api/command-queue/${id}`)).body;

  it('recorded successes raise the score of a new move above an identical one scored before, and the breakdown says what the rate rests on', async () => {
    const history = () => t.app.get(OutcomeHistorySocket).successHistory('marketing', 'content_repurpose', { fresh: true });
    const before = await newMove(t, 'content_repurpose');
    const learnedBefore = await history();
    await executedWith('content_repurpose', 'content_published', 3);
    const learned = await history();
    const after = await newMove(t, 'content_repurpose');

    expect(learned).toEqual({ successes: learnedBefore.successes + 3, observations: learnedBefore.observations + 3 });
    expect(after.aps_breakdown.base).toBe(before.aps_breakdown.base);
    expect(after.aps).toBeGreaterThan(before.aps);
    const adjustment = after.aps_breakdown.outcome_adjustment;
    expect(adjustment.success_rate).toBeGreaterThan(before.aps_breakdown.outcome_adjustment.success_rate);
    expect(adjustment.observations).toBe(learned.observations);
    expect(adjustment.note).toBe(
      `${learned.successes} of ${learned.observations} content repurpose moves in marketing succeeded; smoothed rate ${Math.round(adjustment.success_rate * 100)}%`,
    );
    expect(after.reasons).toContain(`Content repurpose succeeded ${learned.successes} of ${learned.observations} times`);
  });

  it('an outcome that is no success lowers the rate of its action type', async () => {
    const before = await newMove(t, 'social_post');
    await executedWith('social_post', 'no_response', 2);
    const after = await newMove(t, 'social_post');
    expect(after.aps_breakdown.outcome_adjustment.observations).toBe(before.aps_breakdown.outcome_adjustment.observations + 2);
    expect(after.aps_breakdown.outcome_adjustment.success_rate).toBeLessThan(before.aps_breakdown.outcome_adjustment.success_rate);
    expect(after.aps).toBeLessThan(before.aps);
  });

  it("rescores the open moves of the outcome's (domain, action type) within the bound, live, and leaves other pairs alone", async () => {
    const open = [await newMove(t, 'newsletter_draft'), await newMove(t, 'newsletter_draft')];
    const otherPair = await newMove(t, 'asset_create');
    const executed = [await newMove(t, 'newsletter_draft'), await newMove(t, 'newsletter_draft')];
    for (const move of executed) await execute(move);

    const announced: QueueChangedEvent[] = [];
    const subscription = t.app.get(EventBus).events.subscribe((event) => {
      if (event.type === 'queue.item.updated') announced.push(event.data as QueueChangedEvent);
    });
    try {
      for (const move of executed) await record(move, 'content_published');
      for (const move of open) {
        const rescored = await eventually(
          async () => {
            const now = await get(move.id);
            expect(now.aps).toBeGreaterThan(move.aps);
            return now;
          },
          30_000,
          250,
        );
        // Scored again at its first scoring moment: only the learned part moved.
        expect(rescored.aps_breakdown.base).toBe(move.aps_breakdown.base);
        expect(rescored.aps_breakdown.outcome_adjustment.observations).toBe(move.aps_breakdown.outcome_adjustment.observations + 2);
        expect(rescored.version).toBeGreaterThan(move.version);
        await eventually(async () => expect(announced.some((event) => event.item.id === move.id && event.item.aps === rescored.aps)).toBe(true));
      }
    } finally {
      subscription.unsubscribe();
    }
    const untouched = await get(otherPair.id);
    expect({ aps: untouched.aps, version: untouched.version, updated_at: untouched.updated_at }).toEqual({
      aps: otherPair.aps,
      version: otherPair.version,
      updated_at: otherPair.updated_at,
    });
    expect(announced.some((event) => event.item.id === otherPair.id)).toBe(false);
  });

  it("a contact's negative reply lowers their next move below an identical move for another contact", async () => {
    const contactEmail = `riley.${randomUUID().slice(0, 8)}@globex.example.com`;
    const first = await newMove(t, 'send_email', { contactEmail });
    await execute(first);
    await record(first, 'negative_reply');

    const next = await newMove(t, 'send_email', { contactEmail: contactEmail.toUpperCase() });
    const control = await newMove(t, 'send_email');
    expect(next.aps_breakdown.contact_adjustment).toEqual({ delta: -0.08, note: 'Last 30 days: 1 negative reply' });
    expect(control.aps_breakdown.contact_adjustment.delta).toBe(0);
    expect(control.aps - next.aps).toBeCloseTo(0.08, 2);
  });

  it("a CS account's facts reflect its executions and a recorded negative reply", async () => {
    const company = `Initrode ${randomUUID().slice(0, 8)}`;
    await t.app.get(AccountsService).upsert(company, { lifecycle: 'customer', arrUsd: 90_000, renewalAt: new Date(Date.now() + 200 * DAY_MS) });
    const health = async () => (await api<AccountHealth>('GET', `/api/accounts/${encodeURIComponent(company)}/health`)).body;
    const part = (report: AccountHealth, factor: string) => report.parts.find((entry) => entry.factor === factor)!;

    const quiet = await health();
    expect(quiet.last_touch_at).toBeNull();
    expect(part(quiet, 'negative_replies')).toMatchObject({ points: 0, detail: '0 negative replies in 90 days' });

    const move = await newMove(t, 'renewal_outreach', { company });
    const execution = await execute(move);
    await record(move, 'negative_reply');

    const troubled = await health();
    expect(troubled.last_touch_at).toBe(execution.finished_at);
    expect(part(troubled, 'negative_replies')).toMatchObject({ points: 10, detail: '1 negative reply in 90 days' });
    expect(part(troubled, 'days_since_last_touch').points).toBe(0);
    const next = await newMove(t, 'risk_escalation', { company });
    const risk = next.aps_breakdown.factors.find((factor) => factor.factor === 'urgency')!;
    expect(risk.explanation).toBe(`Account risk ${troubled.risk_score}/100`);
  });
});
