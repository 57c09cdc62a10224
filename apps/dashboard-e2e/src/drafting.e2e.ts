import type { CommandQueueMove, DraftAsset, ExecutionView, Page as ListPage, TodayResponse, VoiceProfile } from '@caseyos/contracts';
import { APIRequestContext, Locator, Page, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { adminToken, emptyQueue, sandboxUrl, signIn } from './support';

const operator = () => ({ 'x-admin-token': adminToken() });

async function freshQueue(request: APIRequestContext): Promise<void> {
  await emptyQueue();
  expect((await request.post('/api/admin/emergency-stop', { headers: operator(), data: { active: false } })).status()).toBe(200);
  expect((await request.post('/api/command-queue/seed', { headers: operator() })).status()).toBe(201);
}

async function firstMove(request: APIRequestContext, actionType: string): Promise<CommandQueueMove> {
  const today: TodayResponse = await (await request.get('/api/command-queue/today?limit=200', { headers: operator() })).json();
  const move = today.today_moves.find((m) => m.action_type === actionType);
  expect(move, `a seeded ${actionType} move`).toBeDefined();
  return move as CommandQueueMove;
}

/** Profiles a test made go again, so later drafts are written in the default voice. */
async function removeTestProfiles(request: APIRequestContext): Promise<void> {
  const { items }: { items: VoiceProfile[] } = await (await request.get('/api/voice-profiles', { headers: operator() })).json();
  for (const profile of items.filter((p) => p.name.startsWith('E2E '))) {
    expect((await request.delete(`/api/voice-profiles/${profile.id}`, { headers: operator() })).status()).toBe(204);
  }
}

async function openExecute(page: Page, id: string): Promise<Locator> {
  const row = page.getByTestId('moves-widget').locator(`[data-testid="move"][data-move-id="${id}"]`);
  await row.getByTestId('move-title').click();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('E');
  const dialog = page.getByTestId('execute-dialog');
  await expect(dialog).toHaveAttribute('data-phase', 'ready');
  return dialog;
}

test.describe('drafting', () => {
  test.beforeEach(async ({ request }) => {
    await freshQueue(request);
    await removeTestProfiles(request);
  });
  test.afterEach(async ({ request }) => removeTestProfiles(request));

  test('an email edited in the execute dialog is planned, executed and lands in Gmail as edited', async ({ page, request }) => {
    const move = await firstMove(request, 'send_email');
    await signIn(page);
    const dialog = await openExecute(page, move.id);
    const editor = dialog.getByTestId('draft-editor');
    await expect(editor).toHaveAttribute('data-kind', 'email');
    await expect(editor.getByTestId('draft-provenance')).toHaveAttribute('data-writer', 'template');
    await expect(dialog.getByTestId('draft-body')).not.toHaveValue('');

    const marker = randomUUID().slice(0, 8);
    const subject = `Edited subject ${marker}`;
    const body = `Hi there,\n\nThis text was edited before it went (${marker}).\n\nBest,`;
    await dialog.getByTestId('draft-subject').fill(subject);
    await dialog.getByTestId('draft-body').fill(body);
    // The plan is made again from the edit: the message it would create says so.
    await expect(dialog.getByTestId('email-text')).toContainText(`edited before it went (${marker})`);
    await expect(dialog.getByTestId('execute-summary')).toContainText(subject);
    await expect(editor.getByTestId('draft-provenance')).toContainText('edited');

    await dialog.getByTestId('execute-confirm').click();
    await expect(dialog).toHaveAttribute('data-phase', 'done');
    const result = dialog.getByTestId('execute-result');
    await expect(result).toHaveAttribute('data-status', 'succeeded');
    await expect(result).toContainText(subject);

    const executions: ListPage<ExecutionView> = await (await request.get(`/api/executions?item_id=${move.id}&dry_run=false`, { headers: operator() })).json();
    expect(executions.items.map((e) => e.status)).toEqual(['succeeded']);
    const [executed] = executions.items;
    expect(executed.plan?.draft?.edited).toBe(true);
    const state = (await (await request.get(`${sandboxUrl()}/_sandbox/state`)).json()) as {
      gmail: { drafts: { headers: Record<string, string>; text: string }[] };
    };
    const drafts = state.gmail.drafts.filter((draft) => draft.headers['X-CaseyOS-Execution'] === executed.id);
    expect(drafts.map((draft) => ({ subject: draft.headers['Subject'], text: draft.text.replace(/\r\n/g, '\n').trim() }))).toEqual([
      { subject, text: body.trim() },
    ]);
  });

  test('content_repurpose shows its source beside the draft it makes', async ({ page, request }) => {
    const move = await firstMove(request, 'content_repurpose');
    await signIn(page);
    const dialog = await openExecute(page, move.id);
    await expect(dialog.getByTestId('repurpose-source')).toContainText(move.title);
    await expect(dialog.getByTestId('draft-editor')).toHaveAttribute('data-kind', 'asset');
    await expect(dialog.getByTestId('draft-body')).not.toHaveValue('');
  });

  test('a new voice profile changes the draft: in its preview, and in the execute dialog of its domain', async ({ page, request }) => {
    const name = `E2E voice ${randomUUID().slice(0, 6)}`;
    await signIn(page, '/caseyos/voice');
    await page.getByTestId('voice-new').click();
    await page.getByTestId('voice-name').fill(name);
    await page.getByTestId('voice-greeting').fill('Howdy {first_name},');
    await page.getByTestId('voice-sign-off').fill('Onwards,');
    await page.getByTestId('voice-domain').selectOption('sales');
    await page.getByTestId('voice-save').click();
    await expect(page.locator(`[data-testid="voice-item"][data-name="${name}"]`)).toBeVisible();

    await page.getByTestId('voice-preview-run').click();
    const mine = page.getByTestId('voice-preview-body');
    await expect(mine).toContainText('Howdy');
    await expect(mine).toContainText('Onwards,');
    await expect(page.getByTestId('voice-preview-baseline')).not.toContainText('Howdy');

    // The default cannot be deleted: the API says why.
    await page.locator('[data-testid="voice-item"]', { has: page.getByTestId('voice-default') }).click();
    await page.getByTestId('voice-delete').click();
    await page.getByTestId('voice-delete').click();
    await expect(page.getByTestId('voice-error')).toContainText('default');

    const move = await firstMove(request, 'send_email');
    await page.getByTestId('nav-today').click();
    const dialog = await openExecute(page, move.id);
    await expect(dialog.getByTestId('draft-body')).toHaveValue(/^Howdy /);
    await expect(dialog.getByTestId('draft-provenance')).toContainText(name);
  });

  test('the Assets page filters by channel and status and marks an asset published', async ({ page, request }) => {
    const made: DraftAsset[] = [];
    for (const actionType of ['content_repurpose', 'asset_create']) {
      const move = await firstMove(request, actionType);
      const answer = await request.post(`/api/command-queue/${move.id}/execute`, { headers: { ...operator(), 'x-idempotency-key': randomUUID() } });
      expect(answer.status()).toBe(200);
      const execution: ExecutionView = await answer.json();
      const object = execution.result?.objects.find((o) => o.kind === 'asset');
      made.push(await (await request.get(`/api/assets/${object?.id}`, { headers: operator() })).json());
    }
    const [blog, document] = made;
    expect(blog.channel).not.toBe(document.channel);

    await signIn(page, '/caseyos/assets');
    const items = page.getByTestId('assets-item');
    await page.getByTestId('assets-channel').selectOption(blog.channel);
    await expect(items.and(page.locator(`[data-asset-id="${blog.id}"]`))).toBeVisible();
    await expect(items.and(page.locator(`[data-asset-id="${document.id}"]`))).toHaveCount(0);
    await expect(items.and(page.locator(`:not([data-channel="${blog.channel}"])`))).toHaveCount(0);

    await page.getByTestId('assets-status').selectOption('draft');
    const row = items.and(page.locator(`[data-asset-id="${blog.id}"]`));
    await row.getByTestId('assets-publish').click();
    await expect(row).toHaveCount(0);
    await page.getByTestId('assets-status').selectOption('published');
    await expect(row).toHaveAttribute('data-published', 'true');

    const outcomes = await (await request.get(`/api/outcomes?execution_id=${blog.execution_id}`, { headers: operator() })).json();
    expect(outcomes.items.map((o: { outcome_type: string }) => o.outcome_type)).toEqual(['content_published']);
  });
});
