import type { BeatResponse, ScheduledJobBeat } from '@caseyos/contracts';
import { expect, test } from '@playwright/test';
import { showTodayPanels, signIn } from './support';

test.describe('dashboard shell', () => {
  test('a domain tab is kept in the URL and survives a reload', async ({ page }) => {
    await signIn(page);
    await page.getByTestId('domain-tab-sales').click();

    await expect(page).toHaveURL(/[?&]domain=sales(&|$)/);
    await expect(page.getByTestId('today-domain')).toHaveText('Sales');
    await page.reload();
    await expect(page.getByTestId('domain-tab-sales')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('widget-domain')).toHaveText('Sales');

    await page.getByTestId('domain-tab-all').click();
    await expect(page).not.toHaveURL(/domain=/);
  });

  test('dark mode survives a reload', async ({ page }) => {
    await signIn(page);
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'light');

    await page.getByTestId('theme-toggle').click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'true');
  });

  test('? lists every shortcut, Escape closes the list, and the shortcuts work', async ({ page }) => {
    await signIn(page);
    const overlay = page.getByTestId('shortcut-overlay');
    await expect(overlay).toBeHidden();

    await page.keyboard.press('?');
    await expect(overlay).toBeVisible();
    await expect(overlay.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
    for (const key of ['?', 't', '1', '2', '3', '4']) {
      await expect(overlay.getByTestId('shortcut-row').filter({ has: page.locator('kbd', { hasText: key }) })).toHaveCount(1);
    }
    await page.keyboard.press('Escape');
    await expect(overlay).toBeHidden();

    await page.keyboard.press('4');
    await expect(page).toHaveURL(/[?&]domain=cs(&|$)/);
    await page.keyboard.press('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('shortcuts stay out of the way while typing', async ({ page }) => {
    await page.goto('/caseyos/sign-in');
    await page.getByLabel('Operator token').pressSequentially('t?2');
    await expect(page.getByTestId('shortcut-overlay')).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByLabel('Operator token')).toHaveValue('t?2');
  });

  test('the scheduled jobs widget shows a real answer from the API', async ({ page }) => {
    // The API's worker registers its jobs at start-up and the heartbeat runs at once: wait for a run.
    let ran: ScheduledJobBeat | undefined;
    let registered = 0;
    await expect
      .poll(
        async () => {
          const beat = (await (await page.request.get('/health/beat')).json()) as BeatResponse;
          registered = beat.jobs.length;
          ran = beat.jobs.find((job) => job.last_run_at !== null);
          return ran?.name;
        },
        { message: 'a scheduled job that has run', timeout: 45_000 },
      )
      .toBeTruthy();

    await signIn(page);
    await showTodayPanels(page);
    const widget = page.getByTestId('jobs-widget');
    await expect(widget.getByTestId('jobs-list')).toBeVisible();
    await expect(widget.getByTestId('job')).toHaveCount(registered);
    const row = widget.getByTestId('job').filter({ has: page.getByText(ran!.name, { exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/Ran /);
  });

  test.describe('on a 375 px phone', () => {
    test.use({ viewport: { width: 375, height: 667 } });

    test('the header fits without horizontal scrolling', async ({ page }) => {
      await signIn(page);
      await expect(page.getByTestId('health-indicator')).toHaveAttribute('data-status', 'ok');
      for (const testId of ['brand', 'domain-tab-cs', 'theme-toggle', 'sign-out']) {
        await expect(page.getByTestId(testId)).toBeInViewport();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
});
