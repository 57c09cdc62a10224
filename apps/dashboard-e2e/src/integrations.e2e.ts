import type { IntegrationsResponse } from '@caseyos/contracts';
import { Locator, Page, expect, test } from '@playwright/test';
import { adminToken, signIn } from './support';

const INTEGRATIONS = '/caseyos/integrations';

function card(page: Page, provider: 'hubspot' | 'google'): Locator {
  return page.locator(`[data-testid="integration"][data-provider="${provider}"]`);
}

async function apiStatus(page: Page, provider: 'hubspot' | 'google'): Promise<string | undefined> {
  const response = await page.request.get('/api/integrations', { headers: { 'x-admin-token': adminToken() } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as IntegrationsResponse;
  return body.integrations.find((item) => item.provider === provider)?.status;
}

test.describe('integrations', () => {
  test('both providers are connected to the sandbox, and every page says sandbox mode', async ({ page }) => {
    await signIn(page);
    await expect(page.getByTestId('app-header').getByTestId('sandbox-badge')).toBeVisible();
    await page.getByTestId('nav-integrations').click();
    await expect(page).toHaveURL(/\/caseyos\/integrations$/);
    await expect(page.getByTestId('nav-integrations')).toHaveAttribute('aria-current', 'page');

    await expect(page.getByTestId('sandbox-callout')).toBeVisible();
    await expect(page.getByTestId('app-header').getByTestId('sandbox-badge')).toBeVisible();
    for (const provider of ['hubspot', 'google'] as const) {
      const item = card(page, provider);
      await expect(item).toHaveAttribute('data-status', 'connected');
      await expect(item.getByTestId('integration-status')).toHaveText('Connected');
      await expect(item.getByTestId('integration-sandbox-badge')).toBeVisible();
      await expect(item.getByTestId('integration-mode')).toHaveText(/Sandbox/);
      await expect(item.getByTestId('integration-account')).not.toHaveText('—');
      await expect(item.getByTestId('integration-scopes').getByRole('listitem').first()).toBeVisible();
      await expect(item.getByTestId('integration-disconnect')).toBeEnabled();
      await expect(item.getByTestId('integration-connect')).toHaveCount(0);
    }
  });

  test('Disconnect, then Connect again through the sandbox consent screen', async ({ page }) => {
    await signIn(page, INTEGRATIONS);
    const hubspot = card(page, 'hubspot');
    await expect(hubspot).toHaveAttribute('data-status', 'connected');

    // Disconnecting asks first.
    await hubspot.getByTestId('integration-disconnect').click();
    await expect(hubspot.getByTestId('integration-disconnect-confirm')).toBeFocused();
    await hubspot.getByTestId('integration-disconnect-confirm').click();
    await expect(hubspot).toHaveAttribute('data-status', 'disconnected');
    await expect(hubspot.getByTestId('integration-status')).toHaveText('Disconnected');
    await expect(hubspot.getByTestId('integration-account')).toHaveText('—');
    await expect(page.getByTestId('toast').filter({ hasText: 'HubSpot disconnected' })).toBeVisible();
    expect(await apiStatus(page, 'hubspot')).toBe('disconnected');
    // The other provider is untouched.
    await expect(card(page, 'google')).toHaveAttribute('data-status', 'connected');

    // Connecting leaves the app for the provider's consent screen, which sends the browser back.
    const visited: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        visited.push(request.url());
      }
    });
    await hubspot.getByTestId('integration-connect').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'HubSpot connected.' })).toBeVisible();
    await expect(hubspot).toHaveAttribute('data-status', 'connected');
    await expect(hubspot.getByTestId('integration-account')).not.toHaveText('—');
    expect(await apiStatus(page, 'hubspot')).toBe('connected');
    expect(visited.map((url) => new URL(url).pathname)).toEqual(
      expect.arrayContaining(['/api/integrations/hubspot/connect', '/oauth/authorize', '/api/integrations/hubspot/callback']),
    );
    // The outcome is reported once: the query string is gone, so a reload stays quiet.
    await expect(page).toHaveURL(/\/caseyos\/integrations$/);
  });

  test.describe('on a 375 px phone', () => {
    test.use({ viewport: { width: 375, height: 667 } });

    test('the page and the sandbox banner fit without horizontal scrolling', async ({ page }) => {
      await signIn(page, INTEGRATIONS);
      await expect(card(page, 'google')).toHaveAttribute('data-status', /.+/);
      for (const testId of ['sandbox-badge', 'brand', 'nav-today', 'nav-integrations', 'theme-toggle', 'sign-out']) {
        await expect(page.getByTestId(testId)).toBeInViewport();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
});
