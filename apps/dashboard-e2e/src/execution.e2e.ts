import type { CommandQueueMove, ExecutionView, GuardrailsResponse, TodayResponse } from '@caseyos/contracts';
import { APIRequestContext, Locator, Page, Route, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { adminToken, emptyQueue, showTodayPanels, signIn } from './support';

const operator = () => ({ 'x-admin-token': adminToken() });

/** A fresh queue of demo moves, and no emergency stop left over from an earlier test. */
async function freshQueue(request: APIRequestContext): Promise<void> {
  await emptyQueue();
  await releaseStop(request);
  expect((await request.post('/api/command-queue/seed', { headers: operator() })).status()).toBe(201);
}

async function releaseStop(request: APIRequestContext): Promise<void> {
  expect((await request.post('/api/admin/emergency-stop', { headers: operator(), data: { active: false } })).status()).toBe(200);
}

/** The highest-ranked open move of an action type, as the API ranks them. */
async function firstMove(request: APIRequestContext, actionType: string): Promise<CommandQueueMove> {
  const today: TodayResponse = await (await request.get('/api/command-queue/today?limit=200', { headers: operator() })).json();
  const move = today.today_moves.find((m) => m.action_type === actionType);
  expect(move, `a seeded ${actionType} move`).toBeDefined();
  return move as CommandQueueMove;
}

async function execution(request: APIRequestContext, id: string): Promise<ExecutionView> {
  const response = await request.get(`/api/executions/${id}`, { headers: operator() });
  expect(response.status()).toBe(200);
  return response.json();
}

function row(page: Page, id: string): Locator {
  return page.getByTestId('moves-widget').locator(`[data-testid="move"][data-move-id="${id}"]`);
}

function historyRow(page: Page, itemId: string): Locator {
  return page.getByTestId('history-widget').locator(`[data-testid="execution"][data-item-id="${itemId}"]`);
}

/** Selects the move with a click and opens its execute dialog with E, waiting for the dry run. */
async function openExecute(page: Page, id: string): Promise<Locator> {
  await row(page, id).getByTestId('move-title').click();
  await expect(row(page, id)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('E');
  const dialog = page.getByTestId('execute-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('data-phase', 'ready');
  return dialog;
}

test.describe('execution', () => {
  test.beforeEach(async ({ request }) => freshQueue(request));
  // An emergency stop left on would refuse every later execute, in this file and the others.
  test.afterEach(async ({ request }) => releaseStop(request));

  test('E shows the dry run, Enter executes, and the history lists it and rolls it back', async ({ page, request }) => {
    const move = await firstMove(request, 'send_email');
    await signIn(page);
    const dialog = await openExecute(page, move.id);

    // The exact message: its headers and text, and every guardrail's verdict.
    await expect(dialog.getByTestId('execute-summary')).toContainText(move.contact_email ?? '');
    const headers = dialog.getByTestId('email-header');
    await expect(headers.filter({ has: page.locator('dt', { hasText: /^To$/ }) }).locator('dd')).toContainText(move.contact_email ?? '');
    await expect(headers.filter({ has: page.locator('dt', { hasText: /^Subject$/ }) }).locator('dd')).not.toBeEmpty();
    await expect(dialog.getByTestId('email-text')).not.toBeEmpty();
    const verdicts = dialog.getByTestId('guardrail-verdict');
    for (const guardrail of ['kill_switch', 'idempotency', 'circuit_breaker', 'rate_limit', 'contact_cap']) {
      await expect(verdicts.and(page.locator(`[data-guardrail="${guardrail}"]`))).toHaveAttribute('data-verdict', 'pass');
    }
    await expect(dialog.getByTestId('execute-confirm')).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(dialog).toHaveAttribute('data-phase', 'done');
    await expect(dialog.getByTestId('execute-result')).toHaveAttribute('data-status', 'succeeded');
    const link = dialog.locator('[data-testid="execution-link"][data-kind="gmail_draft"]');
    await expect(link).toHaveAttribute('href', /^https:\/\/mail\.google\.com\//);
    await expect(link).toHaveAttribute('target', '_blank');
    // A second Enter closes: it never executes twice.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(row(page, move.id)).toHaveCount(0); // completed moves leave Today

    await showTodayPanels(page);
    const entry = historyRow(page, move.id);
    await expect(entry).toHaveCount(1);
    await expect(entry.getByTestId('execution-status')).toHaveText('Succeeded');
    await expect(entry.getByTestId('execution-action')).toHaveText('Send email');
    await expect(entry.getByTestId('execution-contact')).toHaveText(move.contact_email ?? '');
    await expect(entry.locator('[data-testid="execution-link"][data-kind="gmail_draft"]')).toHaveAttribute('href', /^https:\/\/mail\.google\.com\//);
    const executionId = (await entry.getAttribute('data-execution-id')) ?? '';
    expect((await execution(request, executionId)).status).toBe('succeeded');

    // Rollback asks first; Escape keeps it, Enter confirms.
    await entry.getByTestId('execution-rollback').click();
    const confirm = page.getByTestId('rollback-dialog');
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText('Gmail draft');
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(entry.getByTestId('execution-status')).toHaveText('Succeeded');

    await entry.getByTestId('execution-rollback').click();
    await expect(confirm.getByTestId('rollback-confirm')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(entry.getByTestId('execution-status')).toHaveText('Rolled back');
    await expect(entry.getByTestId('execution-rollback')).toHaveCount(0);
    await expect(entry.getByTestId('execution-link')).toHaveCount(0);
    const rolledBack = await execution(request, executionId);
    expect(rolledBack.status).toBe('rolled_back');
    const moveNow: CommandQueueMove = await (await request.get(`/api/command-queue/${move.id}`, { headers: operator() })).json();
    expect(moveNow.status).toBe('rolled_back');
  });

  test('an asset execution links to its page, where it is copied and edited', async ({ page, request, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const move = await firstMove(request, 'social_post');
    await signIn(page);
    const dialog = await openExecute(page, move.id);
    await expect(dialog.locator('[data-testid="execute-request"][data-target="caseyos"]')).toBeVisible();
    await expect(dialog.getByTestId('request-body')).toContainText('"body"');

    await page.keyboard.press('Enter');
    const link = dialog.locator('[data-testid="execution-link"][data-kind="asset"]');
    await expect(link).toHaveAttribute('href', /^\/caseyos\/assets\/[0-9a-f-]{36}$/);
    const assetId = ((await link.getAttribute('href')) ?? '').split('/').pop() ?? '';
    await link.click();

    await expect(page).toHaveURL(new RegExp(`/caseyos/assets/${assetId}$`));
    const asset = page.getByTestId('asset');
    await expect(asset).toBeVisible();
    const body = (await asset.getByTestId('asset-body').textContent()) ?? '';
    expect(body.length).toBeGreaterThan(0);
    await page.keyboard.press('c');
    await expect(page.getByTestId('toast').filter({ hasText: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(body);

    await asset.getByTestId('asset-edit').click();
    await asset.getByTestId('asset-body-input').fill('Edited in the e2e test.');
    await asset.getByTestId('asset-title-input').fill('E2E edited title');
    await asset.getByTestId('asset-save').click();
    await expect(asset.getByTestId('asset-title')).toHaveText('E2E edited title');
    await expect(asset.getByTestId('asset-body')).toHaveText('Edited in the e2e test.');
    const saved = await (await request.get(`/api/assets/${assetId}`, { headers: operator() })).json();
    expect(saved).toMatchObject({ title: 'E2E edited title', body: 'Edited in the e2e test.' });

    // Over the channel's limit, the page says so before anything is sent.
    const max: number | null = saved.max_length;
    if (max !== null) {
      await asset.getByTestId('asset-edit').click();
      await asset.getByTestId('asset-body-input').fill('x'.repeat(max + 5));
      await expect(asset.getByTestId('asset-count')).toContainText('5 over');
      await asset.getByTestId('asset-save').click();
      await expect(asset.getByTestId('asset-error')).toContainText(`at most ${max}`);
    }
  });

  test('an emergency stop from Quick Actions blocks executing until it is released', async ({ page, request }) => {
    const move = await firstMove(request, 'create_task');
    await signIn(page);
    const banner = page.getByTestId('emergency-banner');
    await expect(banner).toHaveCount(0);

    const actions = page.getByTestId('quick-actions');
    await actions.getByTestId('emergency-stop').click();
    const stopDialog = page.getByTestId('emergency-dialog');
    await expect(stopDialog.getByTestId('emergency-reason-input')).toBeFocused();
    await page.keyboard.type('Wrong template in the sequence');
    await page.keyboard.press('Enter');
    await expect(stopDialog).toBeHidden();

    await expect(banner).toBeVisible();
    await expect(banner.getByTestId('emergency-reason')).toContainText('Wrong template in the sequence');
    await expect(banner.getByTestId('emergency-who')).toContainText('by ');
    await expect(actions.getByTestId('emergency-release')).toBeVisible();
    await expect(page.getByTestId('guardrails-widget').getByTestId('guardrails-stopped')).toBeVisible();
    const state: GuardrailsResponse = await (await request.get('/api/execution/guardrails', { headers: operator() })).json();
    expect(state.emergency_stop).toMatchObject({ active: true, reason: 'Wrong template in the sequence' });

    const dialog = await openExecute(page, move.id);
    await expect(dialog.locator('[data-testid="guardrail-verdict"][data-guardrail="kill_switch"]')).toHaveAttribute('data-verdict', 'block');
    await expect(dialog.getByTestId('execute-blocked')).toBeVisible();
    await page.keyboard.press('Enter');
    const failure = dialog.getByTestId('execute-failure');
    await expect(failure).toHaveAttribute('data-status', '423');
    await expect(failure.getByTestId('execute-failure-guardrail')).toHaveText('Emergency stop');
    await expect(failure.getByTestId('execute-failure-detail')).toContainText('Wrong template in the sequence');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Refused before anything ran: the move is still open.
    await expect(row(page, move.id)).toBeVisible();

    await actions.getByTestId('emergency-release').click();
    await expect(banner).toHaveCount(0);
    await expect(actions.getByTestId('emergency-stop')).toBeEnabled();
    const released: GuardrailsResponse = await (await request.get('/api/execution/guardrails', { headers: operator() })).json();
    expect(released.emergency_stop.active).toBe(false);
  });

  test('a stop set elsewhere shows on every page through the live stream', async ({ page, request }) => {
    await signIn(page, '/caseyos/integrations');
    await expect(page.getByTestId('emergency-banner')).toHaveCount(0);
    await request.post('/api/admin/emergency-stop', { headers: operator(), data: { active: true, reason: 'Deploy in progress' } });
    await expect(page.getByTestId('emergency-banner')).toContainText('Deploy in progress');
    await page.getByTestId('emergency-banner-release').click();
    await expect(page.getByTestId('emergency-banner')).toHaveCount(0);
  });

  /** Routes the page's real executes (not dry runs) through `answer`, call by call; records every key sent. */
  async function interceptExecutes(page: Page, answer: (call: number, route: Route) => Promise<void>): Promise<string[]> {
    const keys: string[] = [];
    let calls = 0;
    await page.route('**/api/command-queue/*/execute**', async (route) => {
      keys.push(route.request().headers()['x-idempotency-key'] ?? '');
      if (new URL(route.request().url()).searchParams.get('dry_run') === 'true') return route.continue();
      calls += 1;
      return answer(calls, route);
    });
    return keys;
  }

  test('a retry after the answer was lost reuses the key, and the move is executed once', async ({ page, request }) => {
    const move = await firstMove(request, 'create_task');
    await signIn(page);
    const keys = await interceptExecutes(page, async (call, route) => {
      if (call === 1) {
        // The execute reaches the API and runs; its answer never reaches the browser.
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });

    const dialog = await openExecute(page, move.id);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('execute-failure')).toHaveAttribute('data-status', '0');
    await expect(dialog.getByTestId('execute-confirm')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('execute-result')).toHaveAttribute('data-status', 'succeeded');

    const [dryRunKey, first, second] = keys;
    expect(first).toBe(dryRunKey);
    expect(second).toBe(first);
    const history: { items: ExecutionView[] } = await (await request.get(`/api/executions?item_id=${move.id}&dry_run=false`, { headers: operator() })).json();
    expect(history.items.map((e) => [e.status, e.idempotency_key])).toEqual([['succeeded', first]]);
  });

  test('Enter in an edited subject waits for its plan; after a lost answer the draft stays as sent and the retry reuses its key', async ({ page, request }) => {
    const move = await firstMove(request, 'send_email');
    await signIn(page);
    const executeKeys: string[] = [];
    await interceptExecutes(page, async (call, route) => {
      executeKeys.push(route.request().headers()['x-idempotency-key'] ?? '');
      if (call === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });

    const dialog = await openExecute(page, move.id);
    const subject = `Edited before Enter ${randomUUID().slice(0, 8)}`;
    const input = dialog.getByTestId('draft-subject');
    await input.fill(subject);
    // Its dry run is still to come: Enter in the field does nothing yet.
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('execute-summary')).toContainText(subject);
    await expect(dialog.getByTestId('execute-confirm')).toBeEnabled();
    expect(executeKeys).toEqual([]);
    await expect(dialog).toHaveAttribute('data-phase', 'ready');

    await input.press('Enter');
    await expect(dialog.getByTestId('execute-failure')).toHaveAttribute('data-status', '0');
    await expect(input).not.toBeEditable();
    await expect(dialog.getByTestId('execute-blocked')).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('execute-result')).toHaveAttribute('data-status', 'succeeded');
    await expect(dialog.getByTestId('execute-result')).toContainText(subject);

    expect(executeKeys).toHaveLength(2);
    expect(executeKeys[1]).toBe(executeKeys[0]);
    const history: { items: ExecutionView[] } = await (await request.get(`/api/executions?item_id=${move.id}&dry_run=false`, { headers: operator() })).json();
    expect(history.items.map((e) => [e.status, e.idempotency_key])).toEqual([['succeeded', executeKeys[0]]]);
  });

  test("a retry after a recorded failure makes a new key, and shows the provider's reason first", async ({ page, request }) => {
    const move = await firstMove(request, 'create_task');
    await signIn(page);
    const keys = await interceptExecutes(page, async (call, route) => {
      if (call === 1) {
        // As the API answers a provider refusal: recorded under the key, with the provider's word.
        return route.fulfill({
          status: 502,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'urn:caseyos:problem:provider-refused',
            title: 'Bad Gateway',
            status: 502,
            detail: 'HubSpot refused the task.',
            provider_reason: 'VALIDATION_ERROR',
            provider_status: 400,
            execution: { id: '00000000-0000-4000-8000-000000000000', status: 'failed' },
          }),
        });
      }
      return route.continue();
    });

    const dialog = await openExecute(page, move.id);
    await page.keyboard.press('Enter');
    const failure = dialog.getByTestId('execute-failure');
    await expect(failure).toHaveAttribute('data-status', '502');
    await expect(failure.getByTestId('execute-provider-reason')).toHaveText('400 VALIDATION_ERROR');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('execute-result')).toHaveAttribute('data-status', 'succeeded');

    const [, first, second] = keys;
    expect(second).not.toBe(first);
    const history: { items: ExecutionView[] } = await (await request.get(`/api/executions?item_id=${move.id}&dry_run=false`, { headers: operator() })).json();
    expect(history.items.map((e) => [e.status, e.idempotency_key])).toEqual([['succeeded', second]]);
  });

  test('X marks the selected move done by hand, with nothing executed', async ({ page, request }) => {
    const move = await firstMove(request, 'book_meeting');
    await signIn(page);
    await row(page, move.id).getByTestId('move-title').click();
    await page.keyboard.press('?');
    const overlay = page.getByTestId('shortcut-overlay');
    for (const key of ['e', 'x']) {
      await expect(overlay.getByTestId('shortcut-row').filter({ has: page.locator('kbd', { hasText: new RegExp(`^${key}$`) }) })).toHaveCount(1);
    }
    await page.keyboard.press('?');
    await expect(overlay).toBeHidden();

    await page.keyboard.press('X');
    await expect(row(page, move.id)).toHaveCount(0);
    await expect(page.getByTestId('toast').filter({ hasText: 'done' })).toHaveAttribute('data-kind', 'success');
    const saved: CommandQueueMove = await (await request.get(`/api/command-queue/${move.id}`, { headers: operator() })).json();
    expect(saved.status).toBe('completed');
    const executions: { items: ExecutionView[] } = await (await request.get(`/api/executions?item_id=${move.id}`, { headers: operator() })).json();
    expect(executions.items).toEqual([]);
  });

  test.describe('on a 375 px phone', () => {
    test.use({ viewport: { width: 375, height: 667 } });

    test('the execute dialog and the history fit without horizontal scrolling', async ({ page, request }) => {
      const move = await firstMove(request, 'send_email');
      await signIn(page);
      await row(page, move.id).getByTestId('move-title').click();
      await row(page, move.id).getByTestId('move-execute').click();
      const dialog = page.getByTestId('execute-dialog');
      await expect(dialog).toHaveAttribute('data-phase', 'ready');
      const box = await dialog.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
      await dialog.getByTestId('execute-confirm').click();
      await expect(dialog.getByTestId('execute-result')).toBeVisible();
      await page.keyboard.press('Escape');
      await showTodayPanels(page);
      await expect(historyRow(page, move.id).getByTestId('execution-rollback')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
});
