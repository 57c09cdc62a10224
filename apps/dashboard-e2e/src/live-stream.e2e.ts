import { Request, expect, test } from '@playwright/test';
import { showTodayPanels, signIn } from './support';

function isEventStream(request: Request): boolean {
  return new URL(request.url()).pathname === '/api/events';
}

test.describe('the live stream', () => {
  test('one connection per tab serves every widget, and outlives a visit to another page', async ({ page }) => {
    const opened: string[] = [];
    page.on('request', (request) => {
      if (isEventStream(request)) opened.push(request.url());
    });
    await signIn(page);
    await showTodayPanels(page);
    for (const widget of ['moves-widget', 'history-widget', 'outcomes-widget', 'signals-widget']) {
      await expect(page.getByTestId(widget)).toHaveAttribute('data-live', 'live');
    }
    expect(opened).toHaveLength(1);

    await page.getByTestId('nav-integrations').click();
    await expect(page.getByTestId('integrations-list')).toBeVisible();
    await page.getByTestId('nav-today').click();
    await showTodayPanels(page);
    await expect(page.getByTestId('moves-widget')).toHaveAttribute('data-live', 'live');
    await expect(page.getByTestId('signals-widget')).toHaveAttribute('data-live', 'live');
    expect(opened).toHaveLength(1);
  });
});
