import { Page, expect } from '@playwright/test';

/** Set by playwright.config.ts, which also starts the API with it. */
export function adminToken(): string {
  const token = process.env.ADMIN_TOKEN;
  if (!token) {
    throw new Error('ADMIN_TOKEN is not set; run the tests through apps/dashboard-e2e/playwright.config.ts');
  }
  return token;
}

export const DASHBOARD = '/caseyos/';

/** Signs in through the API (the sign-in form has its own test) and opens the dashboard. */
export async function signIn(page: Page, path = DASHBOARD): Promise<void> {
  const response = await page.request.post('/api/auth/session', { data: { token: adminToken() } });
  expect(response.status()).toBe(201);
  await page.goto(path);
  await expect(page.getByTestId('app-header')).toBeVisible();
}
