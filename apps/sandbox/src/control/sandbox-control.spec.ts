import { buildSandboxApp, type RunningSandbox } from '../sandbox-app';
import MailComposer from 'nodemailer/lib/mail-composer';
import { calendarApi, connectGoogle, control, gmailApi, hubspotClient, startTestSandbox } from '../testing/sandbox-test-kit';

describe('the /_sandbox control API', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(() => sandbox.close());

  it('reports health and a summary of the seeded world', async () => {
    // A sandbox of its own: the other tests change the world (ticks, resets to other seeds, settings).
    const seeded = await startTestSandbox();
    try {
      expect(await control(seeded, 'GET', '/_sandbox/health')).toEqual({ status: 200, body: { status: 'ok' } });
      const { body } = await control(seeded, 'GET', '/_sandbox/state');
      expect(body.hubspot).toMatchObject({ companies: 12, contacts: 40, deals: 15, tasks: [] });
      const perStage = Object.values<number>(body.hubspot.dealsByStage);
      expect(perStage.reduce((sum, n) => sum + n, 0)).toBe(15);
      expect(perStage.every((n) => n > 0)).toBe(true);
      expect(body.gmail).toMatchObject({ account: 'founder@caseyos-demo.test', aliases: ['sales@caseyos-demo.test'], drafts: [] });
      expect(body.gmail.threads).toBeGreaterThanOrEqual(10);
      expect(body.calendar).toMatchObject({ events: 6, cancelled: 0 });
      expect(body.calendar.eventList).toHaveLength(6);
      expect(body.calendar.eventList[0]).toEqual({
        id: expect.any(String),
        summary: expect.any(String),
        description: expect.any(String),
        status: 'confirmed',
        attendees: expect.arrayContaining(['founder@caseyos-demo.test']),
        start: expect.stringMatching(/Z$/),
        end: expect.stringMatching(/Z$/),
      });
      expect(body.settings.hubspotPrivateAppToken).toBeUndefined();
    } finally {
      await seeded.close();
    }
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
    const noCursor = await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'missing_sync_cursor' });
    expect(noCursor.body.problems).toEqual(['missing_sync_cursor only applies to gmail, calendar']);
    const legacy = await control(sandbox, 'POST', '/_sandbox/faults', { service: 'google_oauth', kind: 'legacy_token_response' });
    expect(legacy.body.problems).toEqual(['legacy_token_response only applies to hubspot_oauth']);
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

  it('aims a fault at some methods or one route only, and validates the filter', async () => {
    const bad = await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'latency', methods: ['FETCH'], route: 'tasks' });
    expect(bad.body.problems).toEqual([
      'methods must be a non-empty list of GET, POST, PUT, PATCH, DELETE',
      'route must look like "POST /crm/v3/objects/tasks"',
    ]);
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'server_error', route: 'POST /crm/v3/objects/tasks' });
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'server_error', methods: ['DELETE'] });
    const client = hubspotClient(sandbox);
    await client.crm.pipelines.pipelinesApi.getAll('deals');
    await client.crm.objects.tasks.searchApi.doSearch({ limit: 1 });
    expect((await control(sandbox, 'GET', '/_sandbox/faults')).body.pending).toHaveLength(2);
    await expect(client.crm.objects.tasks.basicApi.create({ properties: { hs_timestamp: String(Date.now()) }, associations: [] })).rejects.toMatchObject({
      code: 503,
    });
    await expect(client.crm.objects.tasks.basicApi.archive('1')).rejects.toMatchObject({ code: 503 });
    expect((await control(sandbox, 'GET', '/_sandbox/faults')).body.served.slice(-2).map((f: { route: string }) => f.route)).toEqual([
      'POST /crm/v3/objects/tasks',
      'DELETE /crm/v3/objects/tasks/:taskId',
    ]);
  });

  it('lets a write held by latency land after the client gave up', async () => {
    const gmail = gmailApi(sandbox, await connectGoogle(sandbox), { retry: false });
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'gmail', kind: 'latency', latency_ms: 400, route: 'POST /gmail/v1/users/:userId/drafts' });
    const raw = (await new MailComposer({ to: 'ana@example.com', subject: 'Late', text: 'hi' }).compile().build()).toString('base64url');
    const started = performance.now();
    const create = gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw } } }, { signal: AbortSignal.timeout(50) });
    await expect(create).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(300);
    const drafts = async () =>
      (await control(sandbox, 'GET', '/_sandbox/state')).body.gmail.drafts.filter((d: { headers: { Subject: string } }) => d.headers.Subject === 'Late');
    expect(await drafts()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await drafts()).toHaveLength(1);

    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'latency', latency_ms: 400, methods: ['POST'] });
    const task = fetch(`${sandbox.url}/crm/v3/objects/tasks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-private-app-token', 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { hs_timestamp: String(Date.now()), hs_task_subject: 'Late task' } }),
      signal: AbortSignal.timeout(50),
    });
    await expect(task).rejects.toMatchObject({ name: 'TimeoutError' });
    const tasks = async () =>
      (await control(sandbox, 'GET', '/_sandbox/state')).body.hubspot.tasks.filter((t: { subject: string }) => t.subject === 'Late task');
    expect(await tasks()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await tasks()).toEqual([expect.objectContaining({ body: null, status: 'NOT_STARTED' })]);
  });

  it("answers a route it does not serve with its own 404, not a provider's object-not-found body", async () => {
    const hubspot = await fetch(`${sandbox.url}/crm/v3/objects/notes/1`, { headers: { authorization: 'Bearer sandbox-private-app-token' } });
    expect(hubspot.status).toBe(404);
    const hubspotBody = await hubspot.json();
    expect(hubspotBody).toEqual({ error: 'Not Found', message: 'The sandbox has no route GET /crm/v3/objects/notes/1' });
    const calendar = calendarApi(sandbox, await connectGoogle(sandbox));
    const google = await calendar.acl.list({ calendarId: 'primary' }).catch((error: { status: number; response: { data: unknown } }) => error);
    expect(google).toMatchObject({ status: 404, response: { data: { error: 'Not Found' } } });

    // The route_not_found fault answers a served route the same way, to test clients against it.
    await control(sandbox, 'POST', '/_sandbox/faults', {
      service: 'calendar',
      kind: 'route_not_found',
      route: 'DELETE /calendar/v3/calendars/:calendarId/events/:eventId',
    });
    const faulted = await calendar.events
      .delete({ calendarId: 'primary', eventId: 'nosuchevent1' })
      .catch((error: { status: number; response: { data: unknown } }) => error);
    expect(faulted).toMatchObject({
      status: 404,
      response: { data: { error: 'Not Found', message: 'The sandbox has no route DELETE /calendar/v3/calendars/primary/events/nosuchevent1' } },
    });
    const real = await calendar.events
      .delete({ calendarId: 'primary', eventId: 'nosuchevent1' })
      .catch((error: { status: number; response: { data: unknown } }) => error);
    expect(real).toMatchObject({ status: 404, response: { data: { error: { errors: [{ reason: 'notFound' }] } } } });
    expect((await control(sandbox, 'POST', '/_sandbox/faults', { service: 'google_oauth', kind: 'route_not_found' })).status).toBe(400);
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
