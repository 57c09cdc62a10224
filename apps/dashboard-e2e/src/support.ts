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
 * Today's side panels under Quick actions (execution history, outcomes, guardrails, recent
 * signals, scheduled jobs) are fetched when they come near the screen: scrolls to them as a user
 * would, and waits until they are in the page.
 */
export async function showTodayPanels(page: Page): Promise<void> {
  await expect(page.getByTestId('quick-actions')).toBeVisible(); // drawn with the panels' placeholder
  await page.evaluate(() => document.querySelector('[data-testid="today-panels-placeholder"]')?.scrollIntoView({ block: 'center' }));
  await expect(page.getByTestId('today-panels')).toBeAttached();
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

/** The sandbox the API under test talks to (playwright.config.ts starts it on this port). */
export function sandboxUrl(): string {
  const port = Number(process.env.E2E_SANDBOX_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 90);
  return `http://127.0.0.1:${port}`;
}
