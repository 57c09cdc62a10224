import { APIRequestContext, Locator, Page, Response, expect, test } from '@playwright/test';
import { adminToken, emptyQueue, signIn } from './support';

const operator = () => ({ 'x-admin-token': adminToken() });

function isTodayFetch(response: Response): boolean {
  return response.request().method() === 'GET' && new URL(response.url()).pathname === '/api/command-queue/today';
}

async function moveStatus(request: APIRequestContext, id: string): Promise<{ status: string; dismiss_reason: string | null }> {
  const response = await request.get(`/api/command-queue/${id}`, { headers: operator() });
  expect(response.status()).toBe(200);
  return response.json();
}

function widget(page: Page): Locator {
  return page.getByTestId('moves-widget');
}

function rows(page: Page): Locator {
  return widget(page).getByTestId('move');
}

function row(page: Page, id: string): Locator {
  return widget(page).locator(`[data-testid="move"][data-move-id="${id}"]`);
}

function selectedRow(page: Page): Locator {
  return widget(page).locator('[data-testid="move"][aria-current="true"]');
}

/** Seeds through Quick Actions and waits until the list it refreshed to is on screen. */
async function seedFromQuickActions(page: Page): Promise<void> {
  await page.getByTestId('quick-actions').getByTestId('seed-demo').click();
  await expect(page.getByTestId('toast').filter({ hasText: /demo data/i })).toHaveAttribute('data-kind', 'success');
  // The seed's refresh starts in the same render as the toast; wait for it to land.
  await expect(widget(page).getByTestId('moves-refresh')).toHaveAttribute('aria-busy', 'false');
  await expect(rows(page).first()).toBeVisible();
}

async function selectedIndex(page: Page): Promise<number> {
  return rows(page).evaluateAll((els) => els.findIndex((el) => el.getAttribute('aria-current') === 'true'));
}

/** Walks the selection to row `target` with j and k, checking the highlight at every step. */
async function selectWithKeys(page: Page, target: number): Promise<string> {
  let index = await selectedIndex(page);
  expect(index).toBeGreaterThanOrEqual(0);
  while (index !== target) {
    const down = target > index;
    await page.keyboard.press(down ? 'j' : 'k');
    index += down ? 1 : -1;
    await expect(rows(page).nth(index)).toHaveAttribute('aria-current', 'true');
  }
  await expect(selectedRow(page)).toHaveCount(1);
  return (await rows(page).nth(target).getAttribute('data-move-id')) ?? '';
}

/** Selects the highest-ranked move that is still pending, with the keyboard. */
async function selectFirstPending(page: Page): Promise<string> {
  const statuses = await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
  const target = statuses.indexOf('pending');
  expect(target, 'a pending move to work with').toBeGreaterThanOrEqual(0);
  return selectWithKeys(page, target);
}

test.describe("today's moves", () => {
  test.beforeAll(emptyQueue);

  test('moves created by another client appear live, without a reload', async ({ page, request }) => {
    await emptyQueue();
    await signIn(page);
    await expect(widget(page)).toHaveAttribute('data-live', 'live');
    await expect(widget(page).getByTestId('loading-skeleton')).toBeHidden();
    // The page may not fetch the list again: whatever appears came over the live stream.
    await page.route('**/api/command-queue/today*', (route) => route.abort());

    const seeded = await request.post('/api/command-queue/seed', { headers: operator() });
    expect(seeded.status()).toBe(201);
    const today = await request.get('/api/command-queue/today?limit=3', { headers: operator() });
    const top: { id: string; title: string }[] = (await today.json()).today_moves;
    expect(top.length).toBeGreaterThan(0);
    for (const move of top) {
      await expect(row(page, move.id).getByTestId('move-title')).toHaveText(move.title);
    }
    // Each arrival was put in its place by rank.
    const shown = await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-move-id')));
    const positions = top.map((move) => shown.indexOf(move.id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  test.describe('once seeded from Quick Actions', () => {
    test.beforeEach(async ({ page }) => {
      await signIn(page);
      await seedFromQuickActions(page);
    });

    test('the list is ranked by APS and explains each move at a glance', async ({ page }) => {
      const first = rows(page).first();
      await expect(first.getByTestId('move-rank')).toHaveText('1');
      await expect(first.getByTestId('move-title')).not.toBeEmpty();
      await expect(first.getByTestId('move-domain')).toHaveText(/^(Sales|Marketing|CS)$/);
      await expect(first.getByTestId('move-action')).not.toBeEmpty();
      await expect(first.getByTestId('move-contact')).not.toBeEmpty();
      const scores = (await widget(page).getByTestId('move-aps').allTextContents()).map(Number);
      expect(scores.length).toBeGreaterThan(1);
      expect(scores.every((score) => score >= 0 && score <= 100)).toBe(true);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const domain of ['sales', 'marketing', 'cs']) {
        await expect(page.getByTestId(`stats-${domain}`).getByTestId('stat-pending')).toHaveText(/^\d+$/);
      }
    });

    test('j and k move a visible selection, and ? lists the keys', async ({ page }) => {
      const start = await selectWithKeys(page, 0);
      await page.keyboard.press('j');
      await expect(rows(page).nth(1)).toHaveAttribute('aria-current', 'true');
      await expect(row(page, start)).not.toHaveAttribute('aria-current', 'true');
      await page.keyboard.press('k');
      await expect(row(page, start)).toHaveAttribute('aria-current', 'true');

      // Far down the list, the selection scrolls into view.
      const last = (await rows(page).count()) - 1;
      await selectWithKeys(page, Math.min(last, 14));
      await expect(selectedRow(page)).toBeInViewport();

      await page.keyboard.press('?');
      const overlay = page.getByTestId('shortcut-overlay');
      await expect(overlay).toBeVisible();
      for (const key of ['j', 'k', 'a', 'd', 's', 'w', 'r']) {
        await expect(overlay.getByTestId('shortcut-row').filter({ has: page.locator('kbd', { hasText: new RegExp(`^${key}$`) }) })).toHaveCount(1);
      }
    });

    test('A accepts the selected move, and it stays accepted after a refresh', async ({ page, request }) => {
      const id = await selectFirstPending(page);
      await page.keyboard.press('A');
      await expect(row(page, id).getByTestId('move-status')).toHaveText('Accepted');
      await expect.poll(async () => (await moveStatus(request, id)).status).toBe('accepted');

      const refreshed = page.waitForResponse(isTodayFetch);
      await page.keyboard.press('R');
      const body: { today_moves: { id: string; status: string }[] } = await (await refreshed).json();
      expect(body.today_moves.find((move) => move.id === id)?.status).toBe('accepted');
      await expect(row(page, id)).toHaveAttribute('data-status', 'accepted');

      await page.reload();
      await expect(row(page, id).getByTestId('move-status')).toHaveText('Accepted');
    });

    test('D asks for a reason, Escape cancels, Enter dismisses and the move leaves the list', async ({ page, request }) => {
      const id = await selectFirstPending(page);
      const dialog = page.getByTestId('dismiss-dialog');

      await page.keyboard.press('D');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('dismiss-reason')).toBeFocused();
      await expect(dialog.getByTestId('dismiss-reason')).toHaveValue('');
      // Letters typed into the reason are text, not shortcuts.
      await page.keyboard.type('just');
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(row(page, id)).toHaveAttribute('aria-current', 'true');

      // Straight after Escape, the next key opens a fresh dialog.
      await page.keyboard.press('d');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('dismiss-reason')).toHaveValue('');
      await dialog.getByTestId('dismiss-reason').fill('Not a fit this quarter');
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expect(row(page, id)).toHaveCount(0);
      await expect(page.getByTestId('toast').filter({ hasText: 'Dismissed' })).toBeVisible();
      // The selection moves on to the move that took its place.
      await expect(selectedRow(page)).toHaveCount(1);

      await expect.poll(async () => moveStatus(request, id)).toMatchObject({ status: 'dismissed', dismiss_reason: 'Not a fit this quarter' });
      await page.reload();
      await expect(rows(page).first()).toBeVisible();
      await expect(row(page, id)).toHaveCount(0);
    });

    test("a dialog opened from a row's button gives focus back to it when it closes", async ({ page }) => {
      const id = await selectFirstPending(page);
      const dismiss = row(page, id).getByTestId('move-dismiss');
      const dialog = page.getByTestId('dismiss-dialog');
      await dismiss.click();
      await expect(dialog.getByTestId('dismiss-reason')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(dismiss).toBeFocused();
      // Focus is back on the page, not in the hidden field: the next key is a shortcut again.
      await page.keyboard.press('d');
      await expect(dialog).toBeVisible();
    });

    test.describe("in a browser time zone far from the runner's", () => {
      // "Tomorrow morning" is the browser's: at UTC+14 its date runs a day ahead of UTC's for 14 hours a day.
      test.use({ timezoneId: 'Pacific/Kiritimati' });

      test('S snoozes the selected move until the chosen time, and it leaves the list', async ({ page, request }) => {
        const id = await selectFirstPending(page);
        const dialog = page.getByTestId('snooze-dialog');
        await page.keyboard.press('S');
        await expect(dialog).toBeVisible();
        await expect(dialog.getByTestId('snooze-choice')).toHaveCount(3);
        await page.keyboard.press('Escape');
        await expect(dialog).toBeHidden();

        // 2 is "tomorrow morning".
        await page.keyboard.press('s');
        await expect(dialog).toBeVisible();
        await page.keyboard.press('2');
        await expect(dialog).toBeHidden();
        await expect(row(page, id)).toHaveCount(0);

        // The row leaves at once; the server has it once the snooze's request is answered.
        const read = async (): Promise<{ status: string; snoozed_until: string | null }> =>
          (await request.get(`/api/command-queue/${id}`, { headers: operator() })).json();
        await expect.poll(async () => (await read()).status).toBe('snoozed');
        const saved = await read();
        // Both read on the browser's clock and in its zone: [year, month, day, hour, minute].
        const { until, tomorrowAtNine } = await page.evaluate((iso) => {
          const fields = (date: Date) => [date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()];
          const tomorrow = new Date();
          tomorrow.setDate(tomorrow.getDate() + 1);
          tomorrow.setHours(9, 0, 0, 0);
          return { until: fields(new Date(iso)), tomorrowAtNine: fields(tomorrow) };
        }, saved.snoozed_until ?? '');
        expect(until).toEqual(tomorrowAtNine);
      });
    });

    test('a refused change shows at once, then rolls back with the reason', async ({ page }) => {
      const id = await selectFirstPending(page);
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      await page.route(`**/api/command-queue/${id}/accept`, async (route) => {
        await answered;
        await route.fulfill({
          status: 409,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'urn:caseyos:problem:conflict',
            title: 'Conflict',
            status: 409,
            detail: 'Cannot move from dismissed to accepted.',
            current_status: 'dismissed',
          }),
        });
      });

      await page.keyboard.press('a');
      await expect(row(page, id).getByTestId('move-status')).toHaveText('Accepted');
      answer();
      await expect(page.getByTestId('toast').filter({ hasText: 'already dismissed' })).toHaveAttribute('data-kind', 'error');
      await expect(row(page, id).getByTestId('move-status')).toHaveText('Pending');
    });

    test('a domain tab shows only that domain', async ({ page }) => {
      const loaded = page.waitForResponse((response) => isTodayFetch(response) && response.url().includes('domain=cs'));
      await page.getByTestId('domain-tab-cs').click();
      await loaded;
      await expect(widget(page).getByTestId('loading-skeleton')).toBeHidden();
      await expect(rows(page).first()).toBeVisible();
      const badges = widget(page).getByTestId('move-domain');
      await expect(badges).toHaveText(Array.from({ length: await badges.count() }, () => 'CS'));
      await expect(widget(page).locator('[data-testid="move"]:not([data-domain="cs"])')).toHaveCount(0);
      await expect(page.getByTestId('stats-cs')).toHaveClass(/stat--active/);
    });

    test('w opens the why panel with the score breakdown', async ({ page }) => {
      const selected = selectedRow(page);
      const panel = selected.getByTestId('why-panel');
      await expect(panel).toHaveCount(0);

      await page.keyboard.press('w');
      await expect(panel).toBeVisible();
      await expect(selected.getByTestId('move-why-toggle')).toHaveAttribute('aria-expanded', 'true');
      const factors = panel.getByTestId('why-factor-row');
      await expect(factors).toHaveCount(5);
      await expect(factors.locator('th')).toHaveText([/^Impact/, /^Urgency/, /^Intent/, /^Fit/, /^Effort/]);
      await expect(panel.getByTestId('why-reasons').locator('li').first()).not.toBeEmpty();
      await expect(panel.getByTestId('why-outcome')).not.toBeEmpty();
      await expect(panel.getByTestId('why-final')).toHaveText(/^\d\.\d{2}$/);

      await page.keyboard.press('W');
      await expect(panel).toHaveCount(0);
      await selected.getByTestId('move-why-toggle').click();
      await expect(panel).toBeVisible();
    });

    test('a move accepted by another client updates on the page through the live stream', async ({ page, request }) => {
      await expect(widget(page)).toHaveAttribute('data-live', 'live');
      const id = await selectFirstPending(page);
      await page.route('**/api/command-queue/today*', (route) => route.abort());

      const accepted = await request.post(`/api/command-queue/${id}/accept`, { headers: operator() });
      expect(accepted.status()).toBe(200);
      await expect(row(page, id).getByTestId('move-status')).toHaveText('Accepted');
    });
  });

  test.describe('on a 375 px phone', () => {
    test.use({ viewport: { width: 375, height: 667 } });

    test('moves, their actions and the why panel fit without horizontal scrolling', async ({ page }) => {
      await signIn(page);
      await seedFromQuickActions(page);
      const id = await selectFirstPending(page);
      await row(page, id).getByTestId('move-why-toggle').click();
      await expect(row(page, id).getByTestId('why-panel')).toBeVisible();
      for (const action of ['move-accept', 'move-dismiss', 'move-snooze']) {
        await expect(row(page, id).getByTestId(action)).toBeVisible();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
});
