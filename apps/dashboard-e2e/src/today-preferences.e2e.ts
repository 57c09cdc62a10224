import { expect, test } from '@playwright/test';
import { adminToken, emptyQueue, showTodayPanels, signIn } from './support';

/** What the page constructed through the Notification API, recorded before the browser shows it. */
declare global {
  interface Window {
    shownNotifications: { title: string; body?: string; tag?: string }[];
    tabHidden: boolean;
  }
}

test.describe('urgent move alerts', () => {
  test.use({ permissions: ['notifications'] });

  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      window.shownNotifications = [];
      window.tabHidden = false;
      const Real = window.Notification;
      window.Notification = new Proxy(Real, {
        construct(target, args: [string, NotificationOptions?]) {
          window.shownNotifications.push({ title: args[0], body: args[1]?.body, tag: args[1]?.tag });
          return Reflect.construct<[string, NotificationOptions?], Notification>(target, args);
        },
        get: (target, name) => {
          const value = Reflect.get(target, name, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      // Headless tabs are always visible; the test says when this one is in the background.
      Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (window.tabHidden ? 'hidden' : 'visible') });
    });
    await emptyQueue();
  });

  const seed = async (page: import('@playwright/test').Page) =>
    expect((await page.request.post('/api/command-queue/seed', { headers: { 'x-admin-token': adminToken() } })).status()).toBe(201);

  test('opted into, remembered, and shown for new moves above APS 90 while the tab is hidden only', async ({ page }) => {
    await signIn(page);
    const bell = page.getByTestId('urgent-alerts-toggle');
    await expect(bell).toHaveAttribute('aria-pressed', 'false');
    await bell.click();
    await expect(bell).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(page.getByTestId('urgent-alerts-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('moves-widget')).toHaveAttribute('data-live', 'live');

    // A visible tab shows the new moves arriving: no notification.
    await seed(page);
    await expect(page.getByTestId('moves-list').getByText('Reply to demo request from Priya Raman').first()).toBeVisible();
    expect(await page.evaluate(() => window.shownNotifications)).toEqual([]);

    await emptyQueue();
    await page.evaluate(() => (window.tabHidden = true));
    await seed(page);
    await expect
      .poll(() => page.evaluate(() => window.shownNotifications.map((shown) => shown.title)))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^Urgent move: Reply to demo request from Priya Raman/)]));
    const shown = await page.evaluate(() => window.shownNotifications);
    for (const notification of shown) {
      expect(Number(/^APS (\d+)/.exec(notification.body ?? '')?.[1])).toBeGreaterThan(90);
      expect(notification.tag).toMatch(/^caseyos-move-/);
    }
  });

  test('stay off until asked for', async ({ page }) => {
    await signIn(page);
    await expect(page.getByTestId('moves-widget')).toHaveAttribute('data-live', 'live');
    await page.evaluate(() => (window.tabHidden = true));
    await seed(page);
    await page.evaluate(() => (window.tabHidden = false));
    await expect(page.getByTestId('moves-list').getByText('Reply to demo request from Priya Raman').first()).toBeVisible();
    expect(await page.evaluate(() => window.shownNotifications)).toEqual([]);
  });
});

test.describe('collapsed widgets', () => {
  test('stay collapsed across visits, each on its own', async ({ page }) => {
    await signIn(page);
    await showTodayPanels(page);
    // What each widget shows under its header, whether or not anything has happened yet.
    const signalsContent = () => page.getByTestId('signals-list').or(page.getByTestId('signals-empty'));
    const jobsContent = () => page.getByTestId('jobs-summary');
    await expect(signalsContent()).toBeVisible();
    const toggle = page.getByTestId('signals-collapse');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(toggle).toHaveAccessibleName('Expand Recent signals');
    await expect(page.getByTestId('signals-widget')).toHaveAttribute('data-collapsed', 'true');
    await expect(signalsContent()).toBeHidden();

    await page.reload();
    await showTodayPanels(page);
    await expect(page.getByTestId('signals-collapse')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('signals-widget').getByRole('heading', { name: 'Recent signals' })).toBeVisible();
    await expect(jobsContent()).toBeVisible();
    await expect(signalsContent()).toBeHidden();

    await page.getByTestId('signals-collapse').click();
    await page.reload();
    await expect(page.getByTestId('signals-collapse')).toHaveAttribute('aria-expanded', 'true');
    await expect(signalsContent()).toBeVisible();
  });
});
