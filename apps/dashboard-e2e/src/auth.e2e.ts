import { expect, test } from '@playwright/test';
import { DASHBOARD, adminToken, signIn } from './support';

test.describe('signing in and out', () => {
  test('the site root leads a signed-out visitor to the sign-in page', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.url()).toMatch(/\/caseyos\/?$/);
    await expect(page).toHaveURL(/\/caseyos\/sign-in$/);
    await expect(page.getByRole('heading', { name: 'CaseyOS' })).toBeVisible();
    await expect(page.getByLabel('Operator token')).toHaveAttribute('type', 'password');
  });

  test('a wrong token shows a clear error and keeps the visitor signed out', async ({ page }) => {
    await page.goto(DASHBOARD);
    await page.getByLabel('Operator token').fill('not-the-operator-token');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByTestId('sign-in-error')).toHaveText(/not valid/i);
    await expect(page).toHaveURL(/\/caseyos\/sign-in/);
    const session = await page.request.get('/api/auth/session');
    expect(await session.json()).toMatchObject({ authenticated: false });
  });

  test('the right token opens the dashboard shell with a healthy API', async ({ page }) => {
    await page.goto(DASHBOARD);
    await page.getByLabel('Operator token').fill(adminToken());
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/caseyos\/?$/);
    const header = page.getByTestId('app-header');
    await expect(header.getByTestId('brand')).toHaveText('CaseyOS');
    await expect(header.getByRole('navigation', { name: 'Domain' }).getByRole('link')).toHaveText(['All', 'Sales', 'Marketing', 'CS']);
    await expect(page.getByTestId('health-indicator')).toHaveAttribute('data-status', 'ok');
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  });

  test('after signing in, the visitor lands on the page they first asked for', async ({ page }) => {
    await page.goto(`${DASHBOARD}?domain=marketing`);
    await expect(page).toHaveURL(/\/caseyos\/sign-in\?returnUrl=/);
    await page.getByLabel('Operator token').fill(adminToken());
    await page.getByLabel('Operator token').press('Enter');

    await expect(page).toHaveURL(/\/caseyos\/\?domain=marketing$/);
    await expect(page.getByTestId('domain-tab-marketing')).toHaveAttribute('aria-current', 'page');
  });

  test('signing out ends the session and returns to the sign-in page', async ({ page }) => {
    await signIn(page);
    await page.getByTestId('sign-out').click();

    await expect(page).toHaveURL(/\/caseyos\/sign-in$/);
    // A success toast means the API accepted the DELETE, so the CSRF header went with it.
    await expect(page.getByTestId('toast').filter({ hasText: 'Signed out' })).toHaveAttribute('data-kind', 'success');
    const session = await page.request.get('/api/auth/session');
    expect(await session.json()).toMatchObject({ authenticated: false });
    await page.goto(DASHBOARD);
    await expect(page).toHaveURL(/\/caseyos\/sign-in$/);
  });
});
