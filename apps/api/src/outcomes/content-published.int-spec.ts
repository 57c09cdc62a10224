import { ACTION_TYPES, DraftAsset, ExecutionView, OutcomeView, Page } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { apiOf, emptyExecutionTables, expectStatus, newMove } from '../testing/execution-test-kit';
import { TestApp, startTestApp } from '../testing/test-app';

const ROOMY_LIMITS = ACTION_TYPES.map((type) => `${type}=1000`).join(',');

describe('draft assets: list filters and mark published (content_published)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiOf>;

  /** Executes a fresh marketing move and answers the asset it made. */
  const assetOf = async (actionType: 'content_repurpose' | 'asset_create', actionParams: Record<string, unknown> = {}): Promise<DraftAsset> => {
    const move = await newMove(t, actionType, { actionParams });
    const executed = await api<ExecutionView>('POST', `/api/command-queue/${move.id}/execute`, { headers: { 'x-idempotency-key': randomUUID() } });
    expectStatus(executed, 200);
    const object = executed.body.result?.objects.find((o) => o.kind === 'asset');
    if (!object) throw new Error('the execution made no asset');
    return (await api<DraftAsset>('GET', `/api/assets/${object.id}`)).body;
  };
  const listed = async (query: string) => (await api<Page<DraftAsset>>('GET', `/api/assets?limit=100&${query}`)).body.items.map((a) => a.id);

  beforeAll(async () => {
    t = await startTestApp({ EXECUTION_LIMITS_PER_HOUR: ROOMY_LIMITS, EXECUTION_CONTACT_TOUCHES_PER_WEEK: '1000' });
    api = apiOf(t);
    await emptyExecutionTables(t);
    // An emergency stop another suite left on this database would refuse every execute.
    expectStatus(await api('POST', '/api/admin/emergency-stop', { body: { active: false } }), 200);
  });
  afterAll(() => t.close());

  it('marks an asset published once: content_published recorded for its execution, a second press records nothing new', async () => {
    const asset = await assetOf('content_repurpose');
    expect(asset.published_at).toBeNull();
    const first = await api<DraftAsset>('POST', `/api/assets/${asset.id}/publish`, { body: { url: 'https://blog.example.com/post' } });
    expectStatus(first, 200);
    expect(first.body).toMatchObject({ id: asset.id, published_url: 'https://blog.example.com/post' });
    expect(first.body.published_at).not.toBeNull();

    const again = await api<DraftAsset>('POST', `/api/assets/${asset.id}/publish`, { body: {} });
    expectStatus(again, 200);
    expect(again.body).toMatchObject({ published_at: first.body.published_at, published_url: 'https://blog.example.com/post' });

    const outcomes = await api<Page<OutcomeView>>('GET', `/api/outcomes?execution_id=${asset.execution_id}`);
    expect(outcomes.body.items.map((o) => ({ type: o.outcome_type, item: o.item_id, asset: o.metadata.asset_id }))).toEqual([
      { type: 'content_published', item: asset.item_id, asset: asset.id },
    ]);
  });

  it('keeps both a publish and an edit made at the same time', async () => {
    for (let round = 0; round < 6; round += 1) {
      const asset = await assetOf('asset_create');
      const title = `Edited while publishing ${round}`;
      const requests = [
        () => api('POST', `/api/assets/${asset.id}/publish`, { body: { url: 'https://blog.example.com/launch' } }),
        () => api('PATCH', `/api/assets/${asset.id}`, { body: { title } }),
      ];
      const answers = await Promise.all(round % 2 === 0 ? requests.map((send) => send()) : requests.reverse().map((send) => send()));
      answers.forEach((answer) => expectStatus(answer, 200));
      const stored = (await api<DraftAsset>('GET', `/api/assets/${asset.id}`)).body;
      expect(stored).toMatchObject({ title, published_url: 'https://blog.example.com/launch' });
      expect(stored.published_at).not.toBeNull();
    }
  });

  it('lists by status and by channel', async () => {
    const draft = await assetOf('asset_create');
    const published = await assetOf('content_repurpose');
    expectStatus(await api('POST', `/api/assets/${published.id}/publish`), 200);

    const drafts = await listed('status=draft');
    expect(drafts).toContain(draft.id);
    expect(drafts).not.toContain(published.id);
    const done = await listed('status=published');
    expect(done).toContain(published.id);
    expect(done).not.toContain(draft.id);

    expect(draft.channel).not.toBe(published.channel);
    const ofChannel = await api<Page<DraftAsset>>('GET', `/api/assets?limit=100&channel=${draft.channel}`);
    expect(ofChannel.body.items.map((a) => a.id)).toContain(draft.id);
    expect(ofChannel.body.items.length).toBeGreaterThan(0);
    expect(ofChannel.body.items.every((a) => a.channel === draft.channel)).toBe(true);
  });

  it('refuses bad input with a problem, and an unknown asset with 404', async () => {
    const status = await api('GET', '/api/assets?status=live');
    expectStatus(status, 400);
    expect(status.type).toContain('application/problem+json');
    expectStatus(await api('GET', '/api/assets?channel=Not%20A%20Channel'), 400);
    const asset = await assetOf('asset_create');
    expectStatus(await api('POST', `/api/assets/${asset.id}/publish`, { body: { url: 'javascript:alert(1)' } }), 400);
    expectStatus(await api('POST', `/api/assets/${randomUUID()}/publish`), 404);
    expect((await api<DraftAsset>('GET', `/api/assets/${asset.id}`)).body.published_at).toBeNull();
  });
});
