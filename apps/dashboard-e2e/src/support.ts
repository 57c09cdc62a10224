import { Page, expect } from '@playwright/test';
import { Client } from 'pg';

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

/**
 * Working moves up (accepting, dismissing, executing) leaves fewer pending ones for the next
 * test, and seeding never recreates one that exists; an empty queue (DESIGN.md's table) is a
 * fresh install. CASCADE takes the executions (and their assets) along: they reference moves.
 */
export async function emptyQueue(): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL_E2E ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('TRUNCATE command_queue_items CASCADE');
  } finally {
    await client.end();
  }
}
