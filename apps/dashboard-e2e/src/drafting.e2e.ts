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

interface SandboxWorld {
  calendar: { eventList: { id: string; start: string; description: string | null; status: string }[] };
  hubspot: { tasks: { id: string; subject: string | null; timestamp: string | null }[] };
}

async function sandboxWorld(request: APIRequestContext): Promise<SandboxWorld> {
  return (await (await request.get(`${sandboxUrl()}/_sandbox/state`)).json()) as SandboxWorld;
}

async function executionOf(request: APIRequestContext, moveId: string): Promise<ExecutionView> {
  const executions: ListPage<ExecutionView> = await (await request.get(`/api/executions?item_id=${moveId}&dry_run=false`, { headers: operator() })).json();
  expect(executions.items.map((e) => e.status)).toEqual(['succeeded']);
  return executions.items[0];
}

/** A whole minute some weeks ahead, away from the sandbox's own meetings (its calendar holds a few). */
function minuteAhead(days: number, hourUtc: number, minute: number): Date {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hourUtc, minute, 0, 0);
  return at;
}

/** What a datetime-local input takes for an instant, in the browser's zone (UTC in these tests). */
const localInput = (at: Date) => at.toISOString().slice(0, 16);

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

  test.describe('with the browser in UTC', () => {
    test.use({ timezoneId: 'UTC' });

    test("a meeting's slot and agenda edited in the dialog are what the calendar event gets", async ({ page, request }) => {
      const move = await firstMove(request, 'book_meeting');
      const slot = minuteAhead(23, 7, 35);
      const marker = randomUUID().slice(0, 8);
      const agenda = [`Pilot scope ${marker}`, 'Who joins from each side'];
      await signIn(page);
      const dialog = await openExecute(page, move.id);
      await expect(dialog.getByTestId('draft-editor')).toHaveAttribute('data-kind', 'meeting');
      await expect(dialog.getByTestId('draft-agenda')).not.toHaveValue('');

      await dialog.getByTestId('draft-slot').fill(localInput(slot));
      await dialog.getByTestId('draft-agenda').fill(agenda.join('\n'));
      // The plan names the meeting's time in the server's zone: read the zone it names, and expect the edited slot in it.
      const summary = dialog.getByTestId('execute-summary');
      await expect(summary).toContainText(/\(([^)]+)\), \d+ minutes\.$/);
      const zone = /\(([^)]+)\), \d+ minutes\.$/.exec((await summary.textContent()) ?? '')![1];
      const when = new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'full', timeStyle: 'short' }).format(slot);
      await expect(summary).toContainText(when);
      await expect(dialog.getByTestId('draft-provenance')).toContainText('edited');

      await dialog.getByTestId('execute-confirm').click();
      await expect(dialog).toHaveAttribute('data-phase', 'done');
      const result = dialog.getByTestId('execute-result');
      await expect(result).toHaveAttribute('data-status', 'succeeded');
      await expect(result).toContainText(when);

      const executed = await executionOf(request, move.id);
      expect(executed.plan?.draft?.edited).toBe(true);
      const eventId = executed.result?.objects.find((o) => o.kind === 'calendar_event')?.id;
      const event = (await sandboxWorld(request)).calendar.eventList.find((e) => e.id === eventId && e.status !== 'cancelled');
      expect(event?.start).toBe(slot.toISOString());
      for (const item of agenda) expect(event?.description).toContain(item);
    });

    test("a task's subject and due date edited in the dialog are what the HubSpot task gets", async ({ page, request }) => {
      const move = await firstMove(request, 'create_task');
      const due = minuteAhead(9, 16, 20);
      const subject = `Edited task ${randomUUID().slice(0, 8)}`;
      await signIn(page);
      const dialog = await openExecute(page, move.id);
      await expect(dialog.getByTestId('draft-editor')).toHaveAttribute('data-kind', 'task');

      await dialog.getByTestId('draft-subject').fill(subject);
      await dialog.getByTestId('draft-due').fill(localInput(due));
      const summary = dialog.getByTestId('execute-summary');
      await expect(summary).toContainText(`HubSpot task "${subject}"`);
      await expect(summary).toContainText(`due ${due.toISOString()}`);

      await dialog.getByTestId('execute-confirm').click();
      await expect(dialog).toHaveAttribute('data-phase', 'done');
      const result = dialog.getByTestId('execute-result');
      await expect(result).toHaveAttribute('data-status', 'succeeded');
      await expect(result).toContainText(subject);
      await expect(result).toContainText(`due ${due.toISOString()}`);

      const executed = await executionOf(request, move.id);
      const taskId = executed.result?.objects.find((o) => o.kind === 'hubspot_task')?.id;
      const task = (await sandboxWorld(request)).hubspot.tasks.find((t) => t.id === taskId);
      expect(task?.subject).toBe(subject);
      const stamp = task?.timestamp ?? '';
      expect(new Date(/^\d+$/.test(stamp) ? Number(stamp) : stamp).toISOString()).toBe(due.toISOString());
    });
  });

  test("a social post's channel variants: shown with their limits, edited at the field, kept after a reload, and the asset marked published", async ({
    page,
    request,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const move = await firstMove(request, 'social_post');
    const executed = await request.post(`/api/command-queue/${move.id}/execute`, { headers: { ...operator(), 'x-idempotency-key': randomUUID() } });
    expect(executed.status()).toBe(200);
    const assetId = ((await executed.json()) as ExecutionView).result?.objects.find((o) => o.kind === 'asset')?.id;
    const made: DraftAsset = await (await request.get(`/api/assets/${assetId}`, { headers: operator() })).json();
    const x = made.variants.find((v) => v.channel === 'x');
    expect(x?.max_length).toBe(280);

    await signIn(page, `/caseyos/assets/${made.id}`);
    const asset = page.getByTestId('asset');
    const shown = asset.locator('[data-testid="asset-variant"][data-channel="x"]');
    await expect(shown.getByTestId('asset-variant-body')).toHaveText(x!.body);
    await expect(shown.getByTestId('asset-variant-count')).toContainText(`${x!.body.length}/280 characters`);
    await shown.getByTestId('asset-variant-copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(x!.body);

    await asset.getByTestId('asset-edit').click();
    const input = asset.locator('[data-testid="asset-variant-input"][data-channel="x"]');
    await input.fill('y'.repeat(283));
    await expect(asset.locator('#asset-variant-count-x')).toContainText('3 over');
    await asset.getByTestId('asset-save').click();
    await expect(asset.locator('#asset-variant-error-x')).toContainText('at most 280');

    const edited = `Drafting studio, day two ${randomUUID().slice(0, 8)}`;
    await input.fill(edited);
    await expect(asset.locator('#asset-variant-error-x')).toHaveCount(0);
    await asset.getByTestId('asset-save').click();
    await expect(asset.getByTestId('asset-editor')).toHaveCount(0);
    await expect(shown.getByTestId('asset-variant-body')).toHaveText(edited);

    await page.reload();
    await expect(shown.getByTestId('asset-variant-body')).toHaveText(edited);
    await expect(shown.getByTestId('asset-variant-count')).toContainText(`${edited.length}/280 characters`);
    await asset.getByTestId('asset-publish').click();
    await expect(asset.getByTestId('asset-published')).toBeVisible();

    const saved: DraftAsset = await (await request.get(`/api/assets/${made.id}`, { headers: operator() })).json();
    expect(saved.variants.find((v) => v.channel === 'x')?.body).toBe(edited);
    expect(saved.published_at).not.toBeNull();
    const outcomes = await (await request.get(`/api/outcomes?execution_id=${made.execution_id}`, { headers: operator() })).json();
    expect(outcomes.items.map((o: { outcome_type: string }) => o.outcome_type)).toEqual(['content_published']);
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
    await expect(mine).toContainText('Howdy Dana,');
    await expect(mine).toContainText('Onwards,');
    await expect(page.getByTestId('voice-preview-baseline')).not.toContainText('Howdy');
    // The reply sample: how this profile answers a prospect's reply.
    await page.getByTestId('voice-preview-move').selectOption('sample:reply');
    await page.getByTestId('voice-preview-run').click();
    await expect(mine).toContainText('Howdy Sam,');
    await expect(page.getByTestId('voice-preview-draft')).toContainText('Re: Pipeline reviews at Lakeside Freight');

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
