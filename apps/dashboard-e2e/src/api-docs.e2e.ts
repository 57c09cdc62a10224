import { expect, test } from '@playwright/test';
import { adminToken } from './support';

test.describe('the API docs link npm start prints', () => {
  test('in a fresh browser, leads to sign-in and back; "Try it out" then works with the session', async ({ page }) => {
    await page.goto('/api/docs');
    await expect(page).toHaveURL(/\/caseyos\/sign-in\?returnUrl=%2Fapi%2Fdocs$/);
    await page.getByLabel('Operator token').fill(adminToken());
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/api\/docs\/?$/);
    await expect(page.getByRole('heading', { name: /CaseyOS API/ })).toBeVisible();

    // A write: with the session cookie alone the API would answer 403 (no CSRF token).
    const seed = page.locator('#operations-command-queue-CommandQueueController_seed');
    await seed.locator('.opblock-summary').click();
    await seed.getByRole('button', { name: 'Try it out' }).click();
    await seed.getByRole('button', { name: 'Execute' }).click();
    await expect(seed.locator('.live-responses-table .response .response-col_status')).toHaveText('201');
  });

  test('a crafted return URL cannot take the operator off the site', async ({ page }) => {
    await page.goto('/caseyos/sign-in?returnUrl=%2F%2Fevil.example.com%2Fapi%2Fdocs');
    await page.getByLabel('Operator token').fill(adminToken());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  });
});
