import type Redis from 'ioredis';
import { REDIS } from '../../platform/redis/redis.module';
import { ConnectorAuthError, ConnectorRateLimitError, ConnectorTransientError } from '../errors/connector-errors';
import { IntegrationsService } from '../oauth/integrations.service';
import type { ConnectedTestApp } from '../../testing/connected-test-app';
import { operatorHeaders, startTestApp } from '../../testing/test-app';
import { itLeaksNoSecrets, watchConnectedApp } from '../../testing/watched-connected-app';
import { HubSpotAuthService } from './hubspot-auth.service';
import { HUBSPOT_DEALS_CURSOR, HubSpotConnector } from './hubspot.connector';
import type { HubSpotDeal } from './hubspot-records';

/** The sandbox's private-app token: for looking up fixtures and for the private-app test only. */
const FIXTURE_TOKEN = 'sandbox-private-app-token';

describe('HubSpotConnector against the sandbox', () => {
  let t: ConnectedTestApp;
  let hubspot: HubSpotConnector;
  let integrations: IntegrationsService;
  let contact: { id: string; email: string };
  // Every log line of the run, at debug level, is checked for secrets at the end.
  const watched = watchConnectedApp({
    // Small pages and a small cap so 15 deals need the window to move; quick backoff steps.
    HUBSPOT_SEARCH_PAGE_SIZE: '4',
    HUBSPOT_SEARCH_RESULT_CAP: '8',
    CONNECTOR_RETRY_BASE_MS: '20',
    CONNECTOR_MAX_RETRY_WAIT_MS: '1500',
    CONNECTOR_TIMEOUT_MS: '800',
  });

  beforeAll(async () => {
    t = watched().app;
    await t.sandbox.settings({ hubspotSearchResultCap: 8 });
    hubspot = t.app.get(HubSpotConnector);
    integrations = t.app.get(IntegrationsService);
    contact = await firstContact();
  });

  let allDeals: Promise<HubSpotDeal[]> | undefined;
  const someDeal = async () => (await (allDeals ??= hubspot.searchDealsModifiedSince(new Date(0).toISOString()).then((b) => b.deals)))[0];

  async function firstContact(): Promise<{ id: string; email: string }> {
    const response = await fetch(`${t.sandbox.url}/crm/v3/objects/contacts/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FIXTURE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 1, properties: ['email'] }),
    });
    const { results } = (await response.json()) as { results: { id: string; properties: { email: string } }[] };
    return { id: results[0].id, email: results[0].properties.email };
  }

  const accessToken = async () => (await integrations.tokens('hubspot'))?.accessToken;
  const refreshes = async () => (await t.sandbox.state()).hubspot.oauth.refreshGrantsServed;

  it('reads every deal past the search cap by moving the window, oldest first, each once', async () => {
    const batch = await hubspot.searchDealsModifiedSince(new Date(0).toISOString());
    allDeals = Promise.resolve(batch.deals);
    expect(batch.complete).toBe(true);
    // 15 deals through a cap of 8: only a moved window gets them all (paging past it is a 400).
    expect(batch.deals).toHaveLength(15);
    expect(new Set(batch.deals.map((d) => d.id)).size).toBe(15);
    const times = batch.deals.map((d) => Date.parse(d.modifiedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(batch.cursor).toBe(new Date(Math.max(...times)).toISOString());
    expect(batch.deals[0]).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      name: expect.any(String),
      stageId: expect.any(String),
      amount: expect.any(Number),
    });
    expect((await t.integration('hubspot')).last_sync_at).not.toBeNull();

    await hubspot.saveDealsCursor(batch.cursor);
    expect(await integrations.cursor('hubspot', HUBSPOT_DEALS_CURSOR)).toBe(batch.cursor);
    const { generated } = await t.sandbox.tick(['deal_stage_forward']);
    const moved = generated[0].dealId!;
    // From the saved cursor: the moved deal, plus at most the deals at the cursor's own instant.
    const next = await hubspot.searchDealsModifiedSince();
    expect(next.deals.map((d) => d.id)).toContain(moved);
    expect(next.deals.length).toBeLessThanOrEqual(2);
    expect(Date.parse(next.cursor)).toBeGreaterThan(Date.parse(batch.cursor));
  });

  it('gets a deal, or null for one that does not exist', async () => {
    const deal = await hubspot.getDeal((await someDeal()).id);
    expect(deal).toMatchObject({ id: expect.any(String), pipelineId: expect.any(String), modifiedAt: expect.any(String) });
    expect(await hubspot.getDeal('999999999')).toBeNull();
  });

  it('lists pipelines with stage labels and serves them from its cache', async () => {
    const pipelines = await hubspot.pipelines();
    expect(pipelines[0].stages.length).toBeGreaterThan(3);
    expect(pipelines[0].stages[0]).toMatchObject({ id: expect.any(String), label: expect.any(String), displayOrder: 0 });
    expect(pipelines[0].stages.some((s) => s.isClosed)).toBe(true);
    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', times: 1 });
    expect(await hubspot.pipelines()).toEqual(pipelines);
    expect((await t.sandbox.state()).faults.pending).toHaveLength(1);
  });

  it('finds a contact by email, or null', async () => {
    expect(await hubspot.contactByEmail(contact.email)).toMatchObject({ id: contact.id, email: contact.email });
    expect(await hubspot.contactByEmail('nobody@nowhere.example')).toBeNull();
  });

  it('creates a task associated with a contact and a deal, and deletes it', async () => {
    const deal = await someDeal();
    const dueAt = new Date(Date.now() + 86_400_000);
    const { id } = await hubspot.createTask({
      subject: 'Call back about pricing',
      body: 'They asked for the annual plan.',
      dueAt,
      priority: 'HIGH',
      type: 'CALL',
      contactId: contact.id,
      dealId: deal.id,
    });
    expect((await t.sandbox.state()).hubspot.tasks).toEqual([
      {
        id,
        subject: 'Call back about pricing',
        body: 'They asked for the annual plan.',
        status: 'NOT_STARTED',
        completedAt: null,
        timestamp: dueAt.toISOString(),
        priority: 'HIGH',
        type: 'CALL',
        contactIds: [contact.id],
        dealIds: [deal.id],
      },
    ]);
    expect(await hubspot.deleteTask(id)).toBe(true);
    expect((await t.sandbox.state()).hubspot.tasks).toEqual([]);
    // Gone already, or never there: HubSpot says OBJECT_NOT_FOUND, so there is nothing left to delete.
    expect(await hubspot.deleteTask(id)).toBe(false);
    expect(await hubspot.deleteTask('999999999')).toBe(false);
  });

  it('reads task statuses in batches of 100: completion time when completed, missing and archived tasks absent', async () => {
    const task = async () => (await hubspot.createTask({ subject: 'Send the proposal', dueAt: new Date(Date.now() + 86_400_000) })).id;
    const [open, done, archived] = [await task(), await task(), await task()];
    expect(await hubspot.deleteTask(archived)).toBe(true);
    // The person ticks the task off in HubSpot.
    const completion = await fetch(`${t.sandbox.url}/crm/v3/objects/tasks/${done}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${FIXTURE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { hs_task_status: 'COMPLETED' } }),
    });
    const completedAt = new Date(Number(((await completion.json()) as { properties: { hs_task_completion_date: string } }).properties.hs_task_completion_date));

    // 150 unknown ids around ours: two requests, every known task found wherever it sits.
    const unknown = Array.from({ length: 150 }, (_, i) => String(900_000_000 + i));
    const ids = [...unknown.slice(0, 120), done, ...unknown.slice(120), open, archived, open];
    await t.sandbox.fault({ service: 'hubspot', kind: 'latency', latency_ms: 0, times: 5, route: 'POST /crm/v3/objects/tasks/batch/read' });
    const statuses = await hubspot.taskStatuses(ids, { retries: false });
    expect(statuses).toEqual(
      new Map([
        [done, { status: 'COMPLETED', completedAt }],
        [open, { status: 'NOT_STARTED', completedAt: null }],
      ]),
    );
    expect((await t.sandbox.state()).faults.pending).toEqual([expect.objectContaining({ remaining: 3 })]);
    expect(await hubspot.taskStatuses([])).toEqual(new Map());
    await Promise.all([open, done].map((id) => hubspot.deleteTask(id)));
  });

  it('refreshes once after an expired-token 401 and retries the call', async () => {
    await t.reconnect('hubspot'); // tokens far from expiry: no early refresh joins in
    const before = await accessToken();
    const served = await refreshes();
    await t.sandbox.fault({ service: 'hubspot', kind: 'expired_token' });
    expect(await hubspot.contactByEmail(contact.email)).toMatchObject({ id: contact.id });
    expect(await accessToken()).not.toBe(before);
    expect(await refreshes()).toBe(served + 1);
  });

  it('shares one refresh between concurrent callers', async () => {
    await t.reconnect('hubspot'); // tokens far from expiry: no early refresh joins in
    const served = await refreshes();
    await t.sandbox.fault({ service: 'hubspot', kind: 'expired_token' });
    const results = await Promise.all(Array.from({ length: 5 }, () => hubspot.contactByEmail(contact.email)));
    expect(results.every((r) => r?.id === contact.id)).toBe(true);
    expect(await refreshes()).toBe(served + 1);
  });

  it('refreshes ahead of expiry, without waiting for a 401', async () => {
    const before = await accessToken();
    const served = await refreshes();
    const faultsServed = (await t.sandbox.state()).faults.served.length;
    await integrations.saveRefreshedTokens('hubspot', { expiresAt: new Date(Date.now() + 60_000) });
    await hubspot.getDeal('999999999');
    expect(await accessToken()).not.toBe(before);
    expect(await refreshes()).toBe(served + 1);
    // No fault was served: no call was answered 401.
    expect((await t.sandbox.state()).faults.served).toHaveLength(faultsServed);
  });

  it('keeps using a still-valid token when the early refresh fails for a passing reason', async () => {
    const before = await accessToken();
    await integrations.saveRefreshedTokens('hubspot', { expiresAt: new Date(Date.now() + 60_000) });
    await t.sandbox.fault({ service: 'hubspot_oauth', kind: 'server_error', status: 503 });
    expect(await hubspot.contactByEmail(contact.email)).toMatchObject({ id: contact.id });
    expect(await accessToken()).toBe(before);
    expect((await t.integration('hubspot')).status).toBe('connected');
  });

  it("backs off on a 429 for as long as HubSpot's Retry-After says, then succeeds", async () => {
    await t.sandbox.fault({ service: 'hubspot', kind: 'rate_limit' });
    const started = performance.now();
    expect(await hubspot.contactByEmail(contact.email)).toMatchObject({ id: contact.id });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);

    // Search has its own per-second policy (SECONDLY), sent without rate-limit headers.
    await t.sandbox.fault({ service: 'hubspot', kind: 'rate_limit' });
    const searchStarted = performance.now();
    expect((await hubspot.searchDealsModifiedSince(new Date(Date.now() + 60_000).toISOString())).deals).toEqual([]);
    expect(performance.now() - searchStarted).toBeGreaterThanOrEqual(950);
    expect((await t.sandbox.state()).faults.served.at(-1)).toMatchObject({ kind: 'rate_limit', route: 'POST /crm/v3/objects/deals/search' });
  });

  it('takes nothing from the shared ten-second budget for a CRM search, which is exempt from it', async () => {
    const redis = t.app.get<Redis>(REDIS);
    const budget = `caseyos:hubspot:budget:${t.app.get(HubSpotAuthService).budgetKey}`;
    /** Grants taken from a shared budget since `before` (each grant is a member of its own). */
    const newGrants = async (name: string, before: string[]) => (await redis.zrange(`${budget}:${name}`, 0, -1)).filter((id) => !before.includes(id));
    const callsBefore = await redis.zrange(`${budget}:calls`, 0, -1);
    expect((await hubspot.searchDealsModifiedSince(new Date(Date.now() + 60_000).toISOString())).deals).toEqual([]);
    expect(await newGrants('calls', callsBefore)).toEqual([]);
    // Any other call is counted there.
    await hubspot.getDeal('1');
    expect(await newGrants('calls', callsBefore)).toHaveLength(1);
  });

  it('gives up with a rate-limit error when the wait would pass its budget', async () => {
    await t.sandbox.fault({ service: 'hubspot', kind: 'rate_limit', times: 3 });
    const error = await hubspot.getDeal('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 1000, reason: 'TEN_SECONDLY_ROLLING', retryable: true });
  });

  it('classifies 5xx as transient: a create is not repeated, a read is retried', async () => {
    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', status: 503 });
    const failed = await hubspot.createTask({ subject: 'Never twice', dueAt: new Date() }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConnectorTransientError);
    expect(failed).toMatchObject({ status: 503, retryable: true });
    expect((await t.sandbox.state()).hubspot.tasks).toEqual([]);

    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', status: 502, times: 2 });
    expect(await hubspot.contactByEmail(contact.email)).toMatchObject({ id: contact.id });

    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', status: 500, times: 10 });
    await expect(hubspot.getDeal('1')).rejects.toBeInstanceOf(ConnectorTransientError);
  });

  it('times out a call that hangs and retries it', async () => {
    await t.sandbox.fault({ service: 'hubspot', kind: 'latency', latency_ms: 1500 });
    expect(await hubspot.contactByEmail(contact.email)).toMatchObject({ id: contact.id });
  });

  it('records a failed sync on the integration', async () => {
    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', times: 10 });
    await expect(hubspot.searchDealsModifiedSince()).rejects.toBeInstanceOf(ConnectorTransientError);
    expect((await t.integration('hubspot')).last_error).toMatch(/^hubspot: 503/);
  });

  it('asks for reconnection when the refresh is refused, and stops calling HubSpot', async () => {
    await t.sandbox.fault({ service: 'hubspot', kind: 'expired_token' });
    await t.sandbox.fault({ service: 'hubspot_oauth', kind: 'expired_token' });
    const error = await hubspot.getDeal('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorAuthError);
    expect(error).toMatchObject({ needsReconnection: true, retryable: false });
    expect(await t.integration('hubspot')).toMatchObject({ status: 'needs_reconnection', last_error: expect.stringContaining('reconnect HubSpot') });

    const served = (await t.sandbox.state()).faults.served.length;
    const refreshCount = await refreshes();
    await expect(hubspot.getDeal('1')).rejects.toMatchObject({ kind: 'auth', needsReconnection: true });
    expect((await t.sandbox.state()).faults.served).toHaveLength(served);
    expect(await refreshes()).toBe(refreshCount);

    await t.reconnect('hubspot');
    expect(await hubspot.contactByEmail(contact.email)).toMatchObject({ id: contact.id });
  });

  it('uses a configured private-app token as is: no OAuth, no refresh', async () => {
    // ROLE=api: no scheduled poller of its own takes the fault armed below.
    const privateApp = await startTestApp({ SANDBOX_URL: t.sandbox.url, HUBSPOT_PRIVATE_APP_TOKEN: FIXTURE_TOKEN, ROLE: 'api' });
    try {
      const connector = privateApp.app.get(HubSpotConnector);
      const served = await refreshes();
      expect(await connector.contactByEmail(contact.email)).toMatchObject({ id: contact.id });
      await t.sandbox.fault({ service: 'hubspot', kind: 'expired_token' });
      await expect(connector.getDeal('1')).rejects.toMatchObject({ kind: 'auth', needsReconnection: false, status: 401 });
      expect(await refreshes()).toBe(served);
      const board = await (await fetch(`${privateApp.baseUrl}/api/integrations`, { headers: operatorHeaders })).json();
      expect(board.integrations[0]).toMatchObject({ provider: 'hubspot', status: 'connected', mode: 'real', account: 'private app token' });
      expect(await privateApp.app.get(IntegrationsService).isConnected('hubspot')).toBe(true);
    } finally {
      await privateApp.close();
    }
  });

  itLeaksNoSecrets(watched, 7, { service: 'hubspot', route: 'POST /crm/v3/objects/tasks/search', call: () => hubspot.findTasksByToken('caseyossecretcheck') });
});
