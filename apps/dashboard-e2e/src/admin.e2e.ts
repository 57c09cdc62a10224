import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { adminToken, signIn } from './support';

const operator = () => ({ 'x-admin-token': adminToken() });
// Entries a minute apart, newest at 15:30Z: 10:30 in New York (EST) on that day.
const NEWEST = Date.parse('2026-01-15T15:30:00Z');
const ENTRIES = 30;
const PAGE_SIZE = 25;

async function releaseStop(request: APIRequestContext): Promise<void> {
  expect((await request.post('/api/admin/emergency-stop', { headers: operator(), data: { active: false } })).status()).toBe(200);
}

/** This test's own entries (alice and bob taking turns), at times it chooses: no other test writes its action. */
async function seedAudit(action: string, alice: string, bob: string): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL_E2E ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    for (let i = 0; i < ENTRIES; i += 1) {
      await client.query(`INSERT INTO audit_log (at, actor, action, subject, result) VALUES ($1, $2, $3, $4, 'success')`, [
        new Date(NEWEST - i * 60_000),
        i % 2 === 0 ? alice : bob,
        action,
        `e2e_item:${i}`,
      ]);
    }
  } finally {
    await client.end();
  }
}

async function filter(page: Page, fields: Partial<Record<'actor' | 'action' | 'from' | 'to', string>>): Promise<void> {
  const form = page.getByTestId('audit-filters');
  for (const name of ['actor', 'action', 'from', 'to'] as const) {
    await form.getByTestId(`audit-filter-${name}`).fill(fields[name] ?? '');
  }
  await form.getByTestId('audit-filter-apply').click();
}

test.describe('admin', () => {
  // Times are shown in the browser's zone: pin one, so the expected wall-clock times are known.
  test.use({ timezoneId: 'America/New_York', locale: 'en-US' });
  test.beforeEach(async ({ request }) => releaseStop(request));
  // An emergency stop left on would refuse every later execute, in this file and the others.
  test.afterEach(async ({ request }) => releaseStop(request));

  test('o opens Admin: the audit log filtered by action and actor, paged; processes; the kill switch', async ({ page }) => {
    const marker = randomUUID().slice(0, 8);
    const action = `e2e.admin.${marker}`;
    const alice = `e2e:alice:${marker}`;
    await seedAudit(action, alice, `e2e:bob:${marker}`);

    await signIn(page);
    await page.keyboard.press('o');
    await expect(page).toHaveURL(/\/caseyos\/admin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
    await expect(page.getByTestId('nav-admin')).toHaveAttribute('aria-current', 'page');

    // The process serving this page beats, with its role and version.
    const processes = page.getByTestId('processes');
    const live = processes.locator('[data-testid="process"][data-status="live"]');
    await expect(live.first()).toBeVisible();
    await expect(live.first().getByTestId('process-version')).toHaveText(/^v\d+\.\d+\.\d+/);
    await expect(live.first().getByTestId('process-id')).not.toBeEmpty();
    await expect(page.getByTestId('jobs-widget')).toBeVisible();
    await expect(page.getByTestId('guardrails-widget').getByTestId('guardrails-table')).toBeVisible();

    // By action: a full page of the newest, in New York time, then the rest on the next page.
    const log = page.getByTestId('audit-log');
    const rows = log.getByTestId('audit-entry');
    await filter(page, { action });
    await expect(rows).toHaveCount(PAGE_SIZE);
    await expect(log.getByTestId('audit-action').filter({ hasNotText: action })).toHaveCount(0);
    await expect(rows.first().getByTestId('audit-subject')).toHaveText('e2e_item:0');
    await expect(rows.first().getByTestId('audit-at')).toHaveText('Jan 15, 2026, 10:30:00 AM');
    await expect(rows.first().getByTestId('audit-at')).toHaveAttribute('datetime', '2026-01-15T15:30:00.000Z');
    await expect(log.getByTestId('audit-newer')).toBeDisabled();
    await log.getByTestId('audit-older').click();
    await expect(log.getByTestId('audit-page')).toHaveText('Page 2');
    await expect(rows).toHaveCount(ENTRIES - PAGE_SIZE);
    await expect(rows.first().getByTestId('audit-subject')).toHaveText(`e2e_item:${PAGE_SIZE}`);
    await expect(log.getByTestId('audit-older')).toBeDisabled();
    await log.getByTestId('audit-newer').click();
    await expect(log.getByTestId('audit-page')).toHaveText('Page 1');
    await expect(rows.first().getByTestId('audit-subject')).toHaveText('e2e_item:0');

    // Typed but never sent: a click in the list narrows what is in force, and the form shows that again.
    await log.getByTestId('audit-filter-actor').fill(alice);
    await rows.first().getByTestId('audit-action').click();
    await expect(log.getByTestId('audit-filter-actor')).toHaveValue('');
    await expect(log.getByTestId('audit-filter-action')).toHaveValue(action);
    await expect(rows).toHaveCount(PAGE_SIZE);

    // By actor too: alice wrote every other entry.
    await filter(page, { action, actor: alice });
    await expect(rows).toHaveCount(ENTRIES / 2);
    await expect(log.getByTestId('audit-actor').filter({ hasNotText: alice })).toHaveCount(0);

    // A window typed in New York time: from 10:20 to before 10:25 there is 15:20Z to 15:24Z, five entries.
    await filter(page, { action, from: '2026-01-15T10:20', to: '2026-01-15T10:25' });
    await expect(rows.getByTestId('audit-subject')).toHaveText(['e2e_item:6', 'e2e_item:7', 'e2e_item:8', 'e2e_item:9', 'e2e_item:10']);
    await filter(page, { action, from: '2026-01-15T10:25', to: '2026-01-15T10:20' });
    await expect(log.getByTestId('audit-filter-error')).toHaveText('"Before" must be later than "From".');

    // The kill switch: stopped with a reason, seen on every page's banner and in the log, then released.
    const killSwitch = page.getByTestId('kill-switch');
    await killSwitch.getByTestId('emergency-stop').click();
    await expect(page.getByTestId('emergency-reason-input')).toBeFocused();
    await page.keyboard.type(`Checking a bad sequence ${marker}`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('emergency-banner')).toBeVisible();
    await expect(killSwitch.getByTestId('kill-switch-state')).toContainText(`Checking a bad sequence ${marker}`);
    await expect(page.getByTestId('guardrails-widget').getByTestId('guardrails-stopped')).toBeVisible();

    await filter(page, { action: 'execution.emergency_stop.activated' });
    await expect(rows.first().getByTestId('audit-action')).toHaveText('execution.emergency_stop.activated');
    await expect(rows.first().locator('pre')).toContainText(marker, { useInnerText: false });

    await killSwitch.getByTestId('emergency-release').click();
    await expect(page.getByTestId('emergency-banner')).toHaveCount(0);
    await expect(killSwitch.getByTestId('kill-switch-state')).toHaveText('Executions run under their guardrails.');
  });
});
