import type { BeatResponse, IngestResponse } from '@caseyos/contracts';
import { Locator, Page, expect, test } from '@playwright/test';
import { DASHBOARD, adminToken, showTodayPanels, signIn } from './support';

/** The e2e database outlives a run: every contact is new. */
function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function signalsWidget(page: Page): Locator {
  return page.getByTestId('signals-widget');
}

function signalRow(page: Page, id: string): Locator {
  return signalsWidget(page).locator(`[data-testid="signal"][data-signal-id="${id}"]`);
}

/** Both widgets are listening before anything is sent. */
async function openTodayLive(page: Page, path = '/caseyos/'): Promise<void> {
  await signIn(page, path);
  await showTodayPanels(page);
  await expect(signalsWidget(page)).toHaveAttribute('data-live', 'live');
  await expect(page.getByTestId('moves-widget')).toHaveAttribute('data-live', 'live');
  await expect(signalsWidget(page).getByTestId('loading-skeleton')).toHaveCount(0);
}

test.describe('recent signals', () => {
  test("a form webhook appears in Recent Signals and its move in Today's Moves, without a reload", async ({ page, request }) => {
    // A demo request makes a sales move; the Sales tab keeps the list short whatever else is queued.
    await openTodayLive(page, '/caseyos/?domain=sales');
    let reloads = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) {
        reloads += 1;
      }
    });

    const email = `${unique('demo')}@e2e.example.test`;
    const response = await request.post('/api/webhooks/hubspot/form-submission', {
      headers: { 'x-admin-token': adminToken() },
      data: { form_name: 'Request a demo', fields: { email, firstname: 'Robin', company: 'Signals E2E Co' } },
    });
    expect(response.status()).toBe(202);
    const ingest = (await response.json()) as IngestResponse;
    expect(ingest.duplicate).toBe(false);
    const move = ingest.move;
    expect(move, 'a demo request makes a move').not.toBeNull();
    if (!move) return;

    const row = signalRow(page, ingest.signal_id);
    await expect(row).toBeVisible();
    await expect(row).toHaveAttribute('data-source', 'form');
    await expect(row.getByTestId('signal-kind')).toHaveText('Demo request');
    await expect(row.getByTestId('signal-contact')).toHaveText(`Robin · ${email}`);
    await expect(row.getByTestId('signal-time')).toHaveText(/now|second|minute/);
    await expect(row.getByTestId('signal-move')).toContainText(move.title);

    const moveRow = page.getByTestId('moves-widget').locator(`[data-testid="move"][data-move-id="${move.id}"]`);
    await expect(moveRow.getByTestId('move-title')).toHaveText(move.title);

    // The signal's move is one click from its place in the list.
    await row.getByTestId('signal-move-link').click();
    await expect(moveRow).toHaveAttribute('aria-current', 'true');
    expect(reloads).toBe(0);
  });

  test('a note added with the form shows up in Recent Signals', async ({ page }) => {
    await openTodayLive(page);
    const widget = signalsWidget(page);
    await widget.getByTestId('signals-add').click();
    const form = widget.getByTestId('manual-signal-form');
    await expect(form.getByLabel('Note')).toBeFocused();

    // Nothing is sent until the note says something about someone.
    await form.getByTestId('manual-signal-submit').click();
    await expect(form.getByTestId('manual-signal-note-error')).toBeVisible();
    await expect(form.getByTestId('manual-signal-contact-error')).toBeVisible();

    const company = unique('Notes Co');
    const note = `Met them at the meetup (${unique('note')}); wants a pilot in Q3`;
    await form.getByLabel('Kind').selectOption('note');
    await form.getByLabel('Note').fill(note);
    await form.getByLabel('Company').fill(company);
    await expect(form.getByTestId('manual-signal-note-error')).toHaveCount(0);
    await form.getByTestId('manual-signal-submit').click();

    await expect(page.getByTestId('toast').filter({ hasText: 'Signal added.' })).toHaveAttribute('data-kind', 'success');
    await expect(form).toHaveCount(0);
    const row = widget.getByTestId('signal').filter({ hasText: note });
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-source', 'manual');
    await expect(row.getByTestId('signal-kind')).toHaveText('Note');
    await expect(row.getByTestId('signal-contact')).toHaveText(company);
    // A plain note is recorded, not turned into work.
    await expect(row.getByTestId('signal-move')).toHaveAttribute('data-state', 'no-move');
  });

  test('a failing poller turns the health indicator amber and says why in its tooltip', async ({ page }) => {
    const now = Date.now();
    const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();
    const beat: BeatResponse = {
      status: 'stale',
      processes: [],
      jobs: [
        {
          name: 'heartbeat',
          every_ms: 60_000,
          last_run_at: iso(-5_000),
          last_success_at: iso(-5_000),
          last_error: null,
          last_error_at: null,
          next_run_at: iso(55_000),
        },
        {
          name: 'hubspot-deals-poll',
          every_ms: 300_000,
          last_run_at: iso(-60_000),
          last_success_at: iso(-1_200_000),
          last_error: 'HubSpot refused our credentials; reconnect HubSpot',
          last_error_at: iso(-60_000),
          next_run_at: iso(240_000),
        },
      ],
    };
    // Postgres and Redis stay really up; only the jobs' report is staged.
    await page.route('**/health/beat', (route) => route.fulfill({ json: beat }));
    await signIn(page);

    const indicator = page.getByTestId('health-indicator');
    await expect(indicator).toHaveAttribute('data-status', 'degraded');
    await expect(indicator).toHaveAttribute('data-jobs', 'failing');
    await expect(indicator).toContainText('1 job failing');
    await expect(indicator).toHaveAttribute('title', /hubspot-deals-poll failed .+: HubSpot refused our credentials/);
    await expect(indicator).not.toHaveAttribute('title', /heartbeat/);
  });

  test.describe('on a short screen', () => {
    test.use({ viewport: { width: 1280, height: 600 } });

    test('the side panels are fetched when they come near, or at once by the n shortcut', async ({ page }) => {
      await signIn(page);
      await expect(page.getByTestId('moves-widget')).toHaveAttribute('data-live', 'live');
      // Not in Today's first render: only a placeholder holds their place (their chunk may be prefetched by now, not shown).
      await expect(page.getByTestId('today-panels-placeholder')).toBeAttached();
      await expect(signalsWidget(page)).toHaveCount(0);
      await page.keyboard.press('n');
      await expect(signalsWidget(page).getByTestId('manual-signal-form')).toBeVisible();
      await expect(page.getByTestId('today-panels-placeholder')).toHaveCount(0);

      await page.goto(DASHBOARD); // a new visit, at the top of the page
      await expect(page.getByTestId('today-panels-placeholder')).toBeAttached();
      await page.mouse.wheel(0, 500);
      await expect(page.getByTestId('history-widget')).toBeVisible();
      await expect(page.getByTestId('today-panels-placeholder')).toHaveCount(0);
    });
  });

  test.describe('on a 375 px phone', () => {
    test.use({ viewport: { width: 375, height: 667 } });

    test('the signals widget and its form fit without horizontal scrolling', async ({ page }) => {
      await openTodayLive(page);
      await signalsWidget(page).getByTestId('signals-add').click();
      await expect(signalsWidget(page).getByTestId('manual-signal-form')).toBeVisible();
      await signalsWidget(page).scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
});
