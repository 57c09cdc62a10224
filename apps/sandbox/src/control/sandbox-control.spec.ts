import { buildSandboxApp, type RunningSandbox } from '../sandbox-app';
import { connectGoogle, control, gmailApi, hubspotClient, startTestSandbox } from '../testing/sandbox-test-kit';

describe('the /_sandbox control API', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(() => sandbox.close());

  it('reports health and a summary of the seeded world', async () => {
    expect(await control(sandbox, 'GET', '/_sandbox/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const { body } = await control(sandbox, 'GET', '/_sandbox/state');
    expect(body.hubspot).toMatchObject({ companies: 12, contacts: 40, deals: 15, tasks: [] });
    expect(Object.values(body.hubspot.dealsByStage).every((n) => (n as number) > 0)).toBe(true);
    expect(body.gmail).toMatchObject({ account: 'founder@caseyos-demo.test', aliases: ['sales@caseyos-demo.test'], drafts: [] });
    expect(body.gmail.threads).toBeGreaterThanOrEqual(10);
    expect(body.calendar).toMatchObject({ events: 6, cancelled: 0 });
    expect(body.settings.hubspotPrivateAppToken).toBeUndefined();
  });

  it('ticks at random or on demand and returns what it generated', async () => {
    const random = await control(sandbox, 'POST', '/_sandbox/tick');
    expect(random.body.generated.length).toBeGreaterThanOrEqual(1);
    expect(random.body.generated.length).toBeLessThanOrEqual(3);

    const forced = await control(sandbox, 'POST', '/_sandbox/tick', { events: ['deal_created', 'email_reply'], count: 2 });
    expect(forced.body.generated.map((g: { kind: string }) => g.kind)).toEqual(['deal_created', 'deal_created', 'email_reply', 'email_reply']);
    expect(forced.body.generated[0].dealId).toMatch(/^\d+$/);
    expect(forced.body.generated[2].messageIds).toHaveLength(1);

    expect((await control(sandbox, 'POST', '/_sandbox/tick', { events: ['nonsense'] })).status).toBe(400);
    expect((await control(sandbox, 'POST', '/_sandbox/tick', { count: 0 })).status).toBe(400);
  });

  it('queues, lists, validates and clears faults', async () => {
    const bad = await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'stale_history_id' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual(['stale_history_id only applies to gmail']);
    expect((await control(sandbox, 'POST', '/_sandbox/faults', { service: 'smtp', kind: 'latency' })).status).toBe(400);

    const added = await control(sandbox, 'POST', '/_sandbox/faults', { service: 'calendar', kind: 'rate_limit', times: 2 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ service: 'calendar', kind: 'rate_limit', remaining: 2 });
    expect((await control(sandbox, 'GET', '/_sandbox/faults')).body.pending).toHaveLength(1);
    expect((await control(sandbox, 'DELETE', '/_sandbox/faults')).body).toEqual({ cleared: 1 });
    expect((await control(sandbox, 'GET', '/_sandbox/state')).body.faults.pending).toEqual([]);
  });

  it('adds latency to the next matching request only', async () => {
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'latency', latency_ms: 300 });
    const client = hubspotClient(sandbox);
    const started = performance.now();
    await client.crm.pipelines.pipelinesApi.getAll('deals');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await control(sandbox, 'GET', '/_sandbox/faults')).body.pending).toEqual([]);
  });

  it('advances the clock and changes tunable settings only', async () => {
    const advanced = await control(sandbox, 'POST', '/_sandbox/clock', { advance_ms: 60_000 });
    expect(advanced.body.offsetMs).toBe(60_000);
    const patched = await control(sandbox, 'PATCH', '/_sandbox/settings', { googleAccessTokenTtlSec: 120 });
    expect(patched.body.googleAccessTokenTtlSec).toBe(120);
    const refused = await control(sandbox, 'PATCH', '/_sandbox/settings', { port: 1, hubspotSearchResultCap: -1 });
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toHaveLength(2);
    await control(sandbox, 'PATCH', '/_sandbox/settings', { googleAccessTokenTtlSec: 3600 });
  });

  it('reseeds on reset, keeps issued tokens valid and moves Gmail history past old cursors', async () => {
    const gmail = gmailApi(sandbox, await connectGoogle(sandbox));
    await control(sandbox, 'POST', '/_sandbox/tick', { events: ['deal_created'] });
    const before = (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    const reset = await control(sandbox, 'POST', '/_sandbox/reset', { seed: 7 });
    expect(reset.body.seed).toBe(7);
    expect((await control(sandbox, 'GET', '/_sandbox/state')).body.hubspot.deals).toBe(15);
    const after = (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    expect(Number(after)).toBeGreaterThan(Number(before));
    await expect(gmail.users.history.list({ userId: 'me', startHistoryId: before })).rejects.toMatchObject({ status: 404 });
  });

  it('refuses clients that are not on this machine', async () => {
    const { app } = buildSandboxApp({ settings: { tickMs: 0 } });
    const remote = await app.inject({ method: 'GET', url: '/_sandbox/state', remoteAddress: '10.20.30.40' });
    expect(remote.statusCode).toBe(403);
    const local = await app.inject({ method: 'GET', url: '/_sandbox/health', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    await app.close();
  });

  it('builds the same world from the same seed', async () => {
    const other = await startTestSandbox({ seed: 42 });
    const third = await startTestSandbox({ seed: 43 });
    await control(sandbox, 'POST', '/_sandbox/reset', { seed: 42 });
    const dealNames = async (s: RunningSandbox) =>
      (await hubspotClient(s).crm.deals.searchApi.doSearch({ limit: 100, properties: ['dealname', 'amount'] })).results.map((d) => [
        d.properties.dealname,
        d.properties.amount,
      ]);
    expect(await dealNames(other)).toEqual(await dealNames(sandbox));
    expect(await dealNames(third)).not.toEqual(await dealNames(sandbox));
    await Promise.all([other.close(), third.close()]);
  });

  it('makes the world move on its own when the timer is on', async () => {
    const ticking = await startTestSandbox({ tickMs: 25 });
    const fingerprint = async () => {
      const { body } = await control(ticking, 'GET', '/_sandbox/state');
      return JSON.stringify([body.gmail.historyId, body.calendar.changeSeq, body.hubspot.deals, body.hubspot.dealsByStage]);
    };
    const initial = await fingerprint();
    const deadline = Date.now() + 10_000;
    let current = initial;
    while (current === initial && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      current = await fingerprint();
    }
    await ticking.close();
    expect(current).not.toBe(initial);
  });
});
