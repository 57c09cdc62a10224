import type {
  CommandQueueMove,
  ContactTimelineResponse,
  ConversionFunnelResponse,
  DeadLettersResponse,
  ExecutionView,
  FunnelCounts,
  OutcomeStatsResponse,
  OutcomeView,
  RecordOutcomeRequest,
  TodayResponse,
} from '@caseyos/contracts';
import { APIRequestContext, Locator, Page, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { adminToken, emptyQueue, showTodayPanels, signIn } from './support';

const operator = () => ({ 'x-admin-token': adminToken() });
const DAY_MS = 86_400_000;

/** A fresh queue of demo moves with no executions or outcomes (they go with the moves), and no emergency stop. */
async function freshQueue(request: APIRequestContext): Promise<CommandQueueMove[]> {
  await emptyQueue();
  expect((await request.post('/api/admin/emergency-stop', { headers: operator(), data: { active: false } })).status()).toBe(200);
  expect((await request.post('/api/command-queue/seed', { headers: operator() })).status()).toBe(201);
  const today: TodayResponse = await (await request.get('/api/command-queue/today?limit=200', { headers: operator() })).json();
  return today.today_moves;
}

async function execute(request: APIRequestContext, move: CommandQueueMove): Promise<ExecutionView> {
  const response = await request.post(`/api/command-queue/${move.id}/execute`, { headers: { ...operator(), 'x-idempotency-key': randomUUID() } });
  expect(response.status()).toBe(200);
  const execution: ExecutionView = await response.json();
  expect(execution.status).toBe('succeeded');
  return execution;
}

async function record(request: APIRequestContext, body: RecordOutcomeRequest): Promise<OutcomeView> {
  const response = await request.post('/api/outcomes/record', { headers: operator(), data: body });
  expect(response.status()).toBe(201);
  return response.json();
}

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path, { headers: operator() });
  expect(response.status(), path).toBe(200);
  return response.json();
}

/** Monday 00:00 UTC of the ISO week `weeksBack` weeks before the current one: the API's week buckets. */
function utcWeekStart(weeksBack: number): string {
  const now = new Date();
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - sinceMonday - 7 * weeksBack)).toISOString();
}

function moveRow(page: Page, id: string): Locator {
  return page.getByTestId('moves-widget').locator(`[data-testid="move"][data-move-id="${id}"]`);
}

function percentOf(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

const STAGES: (keyof FunnelCounts)[] = ['total_sent', 'replies', 'meetings', 'deals'];

test.describe('outcomes on Today', () => {
  // Far from UTC on purpose: the funnel's buckets and window must not follow the browser's zone.
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test('the funnel, the figures and the success-rate badges show what the API says, live', async ({ page, request }) => {
    const moves = await freshQueue(request);
    const emails = moves.filter((move) => move.action_type === 'send_email');
    expect(emails.length, 'two seeded send_email moves').toBeGreaterThanOrEqual(2);
    const [executed, other] = emails;

    await signIn(page);
    await showTodayPanels(page);
    const widget = page.getByTestId('outcomes-widget');
    await expect(widget).toHaveAttribute('data-live', 'live');
    await widget.getByTestId('funnel-domain').selectOption('sales');
    await widget.getByTestId('funnel-period-week').click();
    const funnel = widget.getByTestId('funnel');
    await expect(funnel).toHaveAttribute('data-domain', 'sales');
    await expect(funnel.getByTestId('funnel-empty')).toBeVisible(); // nothing executed yet

    // Arranged through the API while the page is open: only the live stream can bring it in.
    const execution = await execute(request, executed);
    await record(request, { item_id: executed.id, outcome_type: 'positive_reply', note: 'Keen on a demo (outcomes e2e)' });

    const api = await getJson<ConversionFunnelResponse>(request, `/api/analytics/conversion-funnel?period=week&domain=sales&from=${utcWeekStart(5)}`);
    const totals = api.totals.find((row) => row.domain === 'sales');
    expect(totals).toMatchObject({ total_sent: 1, replies: 1 });
    for (const stage of STAGES) {
      await expect(funnel.locator(`[data-testid="funnel-stage"][data-stage="${stage}"]`)).toHaveAttribute('data-count', String(totals?.[stage]));
    }
    await expect(funnel.getByTestId('funnel-bucket')).toHaveCount(api.rows.length);
    for (const row of api.rows) {
      const bucket = funnel.locator(`[data-testid="funnel-bucket"][data-start="${row.period_start}"]`);
      await expect(bucket).toHaveAttribute('data-sent', String(row.total_sent));
      await expect(bucket).toHaveAttribute('data-replies', String(row.replies));
      await expect(bucket).toHaveAttribute('data-meetings', String(row.meetings));
      await expect(bucket).toHaveAttribute('data-deals', String(row.deals));
    }
    // The execution started in this UTC week's bucket, whatever the browser's zone says.
    expect(api.rows.find((row) => row.total_sent > 0)?.period_start).toBe(utcWeekStart(0));
    expect(Date.parse(execution.started_at ?? '')).toBeGreaterThanOrEqual(Date.parse(utcWeekStart(0)));

    const stats = await getJson<OutcomeStatsResponse>(request, `/api/outcomes/stats?from=${new Date(Date.now() - 30 * DAY_MS).toISOString()}`);
    const sendEmail = stats.rows.find((row) => row.action_type === 'send_email');
    expect(sendEmail).toMatchObject({ executions: 1, successes: 1 });
    for (const badge of [
      moveRow(page, other.id).getByTestId('success-rate'),
      widget.locator('[data-testid="success-rate-row"][data-action="send_email"]').getByTestId('success-rate'),
    ]) {
      await expect(badge).toHaveAttribute('data-executions', String(sendEmail?.executions));
      await expect(badge.getByTestId('success-rate-value')).toHaveText(percentOf(sendEmail?.success_rate ?? null));
      await expect(badge.getByTestId('success-rate-basis')).toHaveText(`of ${sendEmail?.executions}`);
    }
    const figures = page.getByTestId('outcome-figures');
    await expect(figures.getByTestId('figure-reply-rate').getByTestId('figure-value')).toHaveText(percentOf(stats.totals.reply_rate_24h));
    await expect(figures.getByTestId('figure-meetings').getByTestId('figure-value')).toHaveText(String(stats.totals.meetings));

    // A deal moving forward shows in the funnel's last stage and in the net impact (recorded by hand it names no deal, so no value).
    await record(request, { item_id: executed.id, outcome_type: 'deal_advanced', note: 'Moved to proposal (outcomes e2e)' });
    await expect(funnel.locator('[data-testid="funnel-stage"][data-stage="deals"]')).toHaveAttribute('data-count', '1');
    const netImpact = figures.getByTestId('figure-net-impact');
    await expect(netImpact.getByTestId('figure-detail')).toContainText('1 deal move');
    const after = await getJson<OutcomeStatsResponse>(request, `/api/outcomes/stats?from=${new Date(Date.now() - 30 * DAY_MS).toISOString()}`);
    await expect(netImpact.getByTestId('figure-value')).toHaveText(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(after.totals.net_impact_usd),
    );
  });

  test("a move's contact opens their timeline by click and by C, with the execution and the outcome; Escape closes it", async ({ page, request }) => {
    const moves = await freshQueue(request);
    // A contact with an email move to execute and another move still open in Today's list.
    const executed = moves.find((move) => move.action_type === 'send_email' && moves.some((m) => m.id !== move.id && m.contact_email === move.contact_email));
    expect(executed, 'a seeded contact with two moves, one an email').toBeDefined();
    if (!executed?.contact_email) return;
    const open = moves.find((move) => move.id !== executed.id && move.contact_email === executed.contact_email) as CommandQueueMove;
    const execution = await execute(request, executed);
    const outcome = await record(request, { item_id: executed.id, outcome_type: 'positive_reply', note: 'Asked for pricing (outcomes e2e)' });
    expect(outcome.execution_id).toBe(execution.id);
    const timeline = await getJson<ContactTimelineResponse>(request, `/api/outcomes/contact/${encodeURIComponent(executed.contact_email)}`);

    await signIn(page);
    const row = moveRow(page, open.id);
    await row.getByTestId('move-contact-open').click();
    const dialog = page.getByTestId('contact-timeline');
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('data-contact', executed.contact_email);
    const entries = dialog.getByTestId('timeline-entry');
    await expect(entries).toHaveCount(timeline.entries.length);
    // Newest first, as the API orders them.
    expect(await entries.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(timeline.entries.map((entry) => entry.kind));
    const executionEntry = entries.and(page.locator('[data-kind="execution"]'));
    await expect(executionEntry).toHaveCount(1);
    await expect(executionEntry.getByTestId('timeline-label')).toHaveText('Send email: succeeded');
    const outcomeEntry = entries.and(page.locator('[data-kind="outcome"]'));
    await expect(outcomeEntry).toHaveCount(1);
    await expect(outcomeEntry.getByTestId('timeline-label')).toHaveText('Positive reply');
    await expect(outcomeEntry).toContainText('Asked for pricing (outcomes e2e)');
    await expect(outcomeEntry.getByTestId('timeline-time')).toHaveAttribute('datetime', outcome.detected_at);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await row.getByTestId('move-title').click();
    await expect(row).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('c');
    await expect(dialog).toBeVisible();
    await expect(entries.and(page.locator('[data-kind="outcome"]'))).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // The keyboard is the list's again at once.
    await page.keyboard.press('?');
    await expect(
      page
        .getByTestId('shortcut-overlay')
        .getByTestId('shortcut-row')
        .filter({ has: page.locator('kbd', { hasText: /^c$/ }) }),
    ).toHaveCount(1);
    await page.keyboard.press('?');
  });

  test('the why panel says how many outcomes the success rate rests on', async ({ page, request }) => {
    const [move] = await freshQueue(request);
    await signIn(page);
    await moveRow(page, move.id).getByTestId('move-why-toggle').click();
    const observations = move.aps_breakdown.outcome_adjustment.observations;
    await expect(moveRow(page, move.id).getByTestId('why-observations')).toHaveAttribute('data-observations', String(observations));
    await expect(moveRow(page, move.id).getByTestId('why-observations')).toContainText(
      observations === 0 ? 'no outcomes yet' : `${observations} known outcome`,
    );
  });

  test('the jobs widget lists the failed outcome detections the API keeps', async ({ page, request }) => {
    const deadLetters = await getJson<DeadLettersResponse>(request, '/api/outcomes/dead-letters?limit=20');
    await signIn(page);
    await showTodayPanels(page);
    const section = page.getByTestId('jobs-widget').getByTestId('dead-letters');
    await expect(section).toHaveAttribute('data-state', 'ready');
    if (deadLetters.total === 0) {
      await expect(section.getByTestId('dead-letters-empty')).toBeVisible();
      return;
    }
    await expect(section.getByTestId('dead-letters-total')).toHaveText(String(deadLetters.total));
    await expect(section.getByTestId('dead-letter')).toHaveCount(deadLetters.items.length);
    await expect(section.getByTestId('dead-letter').first().getByTestId('dead-letter-error')).toHaveText(deadLetters.items[0].error);
  });

  test('a failed detection shows its error, and Retry queues it again', async ({ page }) => {
    // Making the provider fail a detection five times over takes minutes of backoff: the listing
    // and the retry's answer are stood in for, in the API's own shapes.
    const letter = {
      id: `task:${randomUUID()}`,
      unit: 'task',
      subject_id: randomUUID(),
      error: 'HubSpot answered 503 Service Unavailable',
      attempts: 5,
      first_tried_at: new Date(Date.now() - 3_600_000).toISOString(),
      failed_at: new Date(Date.now() - 60_000).toISOString(),
    } satisfies DeadLettersResponse['items'][number];
    let listed: DeadLettersResponse = { items: [letter], total: 1 };
    const retried: string[] = [];
    await page.route(
      (url) => url.pathname === '/api/outcomes/dead-letters',
      (route) => route.fulfill({ json: listed }),
    );
    await page.route(
      (url) => /^\/api\/outcomes\/dead-letters\/[^/]+\/retry$/.test(url.pathname),
      (route) => {
        retried.push(decodeURIComponent(new URL(route.request().url()).pathname.split('/').at(-2) ?? ''));
        listed = { items: [], total: 0 };
        return route.fulfill({ json: { ...letter, attempts: 0 } });
      },
    );

    await signIn(page);
    await showTodayPanels(page);
    const section = page.getByTestId('jobs-widget').getByTestId('dead-letters');
    const row = section.locator(`[data-testid="dead-letter"][data-id="${letter.id}"]`);
    await expect(row.getByTestId('dead-letter-error')).toHaveText(letter.error);
    await expect(section.getByTestId('dead-letters-total')).toHaveText('1');
    await row.getByTestId('dead-letter-retry').click();
    await expect(row).toHaveCount(0);
    await expect(section.getByTestId('dead-letters-empty')).toBeVisible();
    await expect(page.getByTestId('toast').filter({ hasText: 'queued again' })).toHaveAttribute('data-kind', 'success');
    expect(retried).toEqual([letter.id]);
  });
});
