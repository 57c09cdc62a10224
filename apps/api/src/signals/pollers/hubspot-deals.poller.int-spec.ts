import type { AccountHealth, SignalDetail, SignalView } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { AccountsService } from '../../accounts/accounts.service';
import { pollUntilCaughtUp } from '../../testing/caught-up';
import { SandboxProcess } from '../../testing/sandbox-process';
import { HUBSPOT_DEALS_CURSOR, HubSpotConnector } from '../../connectors/hubspot/hubspot.connector';
import { IntegrationsService } from '../../connectors/oauth/integrations.service';
import { OAuthFlowService } from '../../connectors/oauth/oauth-flow.service';
import { SandboxControl } from '../../testing/sandbox-control';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { CURSOR_OVERLAP_MS, HubSpotDealsPoller } from './hubspot-deals.poller';

describe('HubSpot deal poller (sandbox)', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;

  const tick = async (...events: string[]) => {
    const res = await fetch(`${sandbox.url}/_sandbox/tick`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events, count: events.length }),
    });
    expect(res.ok).toBe(true);
    return ((await res.json()) as { generated: { dealId?: string }[] }).generated;
  };
  const hubspotSignals = async (): Promise<SignalView[]> =>
    (await (await fetch(`${t.baseUrl}/api/signals?source=hubspot&limit=200`, { headers: operatorHeaders })).json()).items;
  /** The HubSpot signals stored since `known` was taken, newest first. */
  const signalsSince = async (known: SignalView[]): Promise<SignalView[]> => {
    const ids = new Set(known.map((signal) => signal.id));
    return (await hubspotSignals()).filter((signal) => !ids.has(signal.id));
  };

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    const boot = await startTestApp({ ROLE: 'api' });
    await boot.app.get(DataSource).query('TRUNCATE signals, signal_dedupe_keys, hubspot_deal_snapshots, integrations, accounts');
    await boot.close();
    // ROLE=api: no scheduled run races the polls this test makes.
    t = await startTestApp({ ROLE: 'api', SANDBOX_URL: sandbox.url, SIGNAL_POLL_BATCH: '2' });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });
  // Each test starts caught up: it sees only what it makes.
  beforeEach(() => pollUntilCaughtUp(() => t.app.get(HubSpotDealsPoller).poll()));

  it('records where deals stand on the first poll without calling an existing pipeline news', async () => {
    // As before any poll: no snapshots, signals or accounts, and a new connection (no cursor).
    await t.app.get(DataSource).query('TRUNCATE signals, signal_dedupe_keys, hubspot_deal_snapshots, accounts');
    await t.app.get(OAuthFlowService).connectThroughSandbox('hubspot');
    const poller = t.app.get(HubSpotDealsPoller);
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
    const snapshots = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM hubspot_deal_snapshots');
    expect(snapshots[0].n).toBeGreaterThanOrEqual(10);
    expect(await hubspotSignals()).toEqual([]);
    // Who the customers are is recorded though: the companies of deals already won.
    const customers = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM accounts WHERE lifecycle = 'customer'`);
    expect(customers[0].n).toBeGreaterThan(0);
  });

  it('turns new deals and stage moves into signals and moves, each once', async () => {
    const poller = t.app.get(HubSpotDealsPoller);
    const known = await hubspotSignals();
    await tick('deal_created');
    await tick('deal_stage_backward');
    const result = await poller.poll();
    expect(result).toEqual({ signals: 2, truncated: false });
    const signals = await signalsSince(known);
    expect(signals.map((signal) => signal.kind).sort()).toEqual(['deal_created', 'deal_regressed']);
    for (const signal of signals) {
      expect(signal.item_id).not.toBeNull();
      expect(signal.payload).toMatchObject({ deal_id: signal.external_id, contact_id: expect.any(String), contact_name: expect.any(String) });
      // The deal's contact rides along, so the move names a person and an account.
      expect(signal.contact_email).toMatch(/@/);
      expect(signal.company).toEqual(expect.any(String));
      const detail: SignalDetail = await (await fetch(`${t.baseUrl}/api/signals/${signal.id}`, { headers: operatorHeaders })).json();
      expect(detail.move).toMatchObject({ contact_email: signal.contact_email, company: signal.company, deal_id: signal.external_id });
    }
    const regressed = signals.find((signal) => signal.kind === 'deal_regressed')!;
    expect(regressed.payload.from_stage).not.toBe(regressed.payload.to_stage);
    // The overlap re-reads recent deals; nothing new happened, so nothing new is made.
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
  });

  it('takes at most a batch per run and continues where it stopped, skipping nothing', async () => {
    const poller = t.app.get(HubSpotDealsPoller);
    const before = (await hubspotSignals()).length;
    // Five deals moved: the sandbox picks a deal at random, and a deal moved twice is one change.
    const moved = new Set<string>();
    for (let i = 0; moved.size < 5 && i < 30; i += 1) {
      const [event] = await tick('deal_stage_forward');
      if (event.dealId) moved.add(event.dealId);
    }
    expect(moved.size).toBe(5);
    const runs = [];
    for (let i = 0; i < 4; i += 1) runs.push(await poller.poll());
    expect(runs.map((run) => run.truncated)).toEqual([true, true, false, false]);
    expect(runs.reduce((sum, run) => sum + run.signals, 0)).toBe(5);
    const signals = await hubspotSignals();
    expect(signals.length - before).toBe(5);
    expect(new Set(signals.map((signal) => signal.id)).size).toBe(signals.length);
  });

  it('re-reads the overlap before the saved cursor, so a change saved just before it is not missed', async () => {
    const poller = t.app.get(HubSpotDealsPoller);
    const hubspot = t.app.get(HubSpotConnector);
    const before = (await hubspotSignals()).length;
    const [moved] = await tick('deal_stage_forward');
    const modifiedAt = Date.parse((await hubspot.getDeal(moved.dealId!))!.modifiedAt);
    // The last run's cursor landed after this change (its search did not see it yet): inside the
    // overlap the change is still read...
    await hubspot.saveDealsCursor(new Date(modifiedAt + CURSOR_OVERLAP_MS / 2).toISOString());
    expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
    expect((await hubspotSignals())[0]).toMatchObject({ external_id: moved.dealId });
    // ...and past the overlap it would not be: the overlap is what caught it.
    const [later] = await tick('deal_stage_forward');
    const laterAt = Date.parse((await hubspot.getDeal(later.dealId!))!.modifiedAt);
    const pastOverlap = new Date(laterAt + CURSOR_OVERLAP_MS * 2).toISOString();
    await hubspot.saveDealsCursor(pastOverlap);
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
    expect((await hubspotSignals()).length).toBe(before + 1);
    // A run that finds nothing newer leaves the cursor where it was (no drifting back).
    expect(await t.app.get(IntegrationsService).cursor('hubspot', HUBSPOT_DEALS_CURSOR)).toBe(pastOverlap);
    // Back at the change, it is read after all: nothing is lost, only delayed.
    await hubspot.saveDealsCursor(new Date(laterAt).toISOString());
    expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
  });

  it('refreshes an expired access token during a run and completes it', async () => {
    const sandboxControl = new SandboxControl(sandbox.url);
    const refreshes = async () => (await sandboxControl.state()).hubspot.oauth.refreshGrantsServed;
    const served = await refreshes();
    const tokenBefore = (await t.app.get(IntegrationsService).tokens('hubspot'))!.accessToken;
    await tick('deal_created');
    await sandboxControl.fault({ service: 'hubspot', kind: 'expired_token' });
    expect(await t.app.get(HubSpotDealsPoller).poll()).toEqual({ signals: 1, truncated: false });
    expect(await refreshes()).toBe(served + 1);
    expect((await t.app.get(IntegrationsService).tokens('hubspot'))!.accessToken).not.toBe(tokenBefore);
    expect((await hubspotSignals())[0]).toMatchObject({ kind: 'deal_created' });
  });

  describe('customers and renewals', () => {
    const health = async (company: string): Promise<AccountHealth> =>
      (await fetch(`${t.baseUrl}/api/accounts/${encodeURIComponent(company)}/health`, { headers: operatorHeaders })).json();

    it("makes a won deal's company a customer renewing a year after the close, with an onboarding move", async () => {
      await tick('deal_won');
      expect(await t.app.get(HubSpotDealsPoller).poll()).toEqual({ signals: 1, truncated: false });
      const won = (await hubspotSignals())[0];
      expect(won).toMatchObject({ kind: 'deal_advanced', rule: 'hubspot.deal_won', payload: { to_stage: 'Closed Won' } });
      const detail: SignalDetail = await (await fetch(`${t.baseUrl}/api/signals/${won.id}`, { headers: operatorHeaders })).json();
      expect(detail.move).toMatchObject({ domain: 'cs', action_type: 'onboarding_follow_up', company: won.company });
      expect(await t.app.get(AccountsService).isCustomer(won.company)).toBe(true);
      const account = await health(won.company!);
      const renewalInDays = (Date.parse(account.renewal_at!) - Date.parse(String(won.payload.close_date))) / 86_400_000;
      expect(renewalInDays).toBeCloseTo(365, 0);
    });

    it('raises a customer renewal inside the notice window once, as a CS renewal move', async () => {
      const accounts = t.app.get(AccountsService);
      const day = 86_400_000;
      await accounts.upsert('Renewing Soon Ltd', { lifecycle: 'customer', arrUsd: 48_000, renewalAt: new Date(Date.now() + 20 * day) });
      await accounts.upsert('Renewing Later Ltd', { lifecycle: 'customer', arrUsd: 12_000, renewalAt: new Date(Date.now() + 200 * day) });
      await accounts.upsert('Prospect Ltd', { lifecycle: 'prospect', renewalAt: new Date(Date.now() + 10 * day) });
      const poller = t.app.get(HubSpotDealsPoller);
      const known = await hubspotSignals();
      expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
      const renewals = (await signalsSince(known)).filter((signal) => signal.kind === 'renewal_approaching');
      expect(renewals).toHaveLength(1);
      expect(renewals[0]).toMatchObject({ company: 'Renewing Soon Ltd', rule: 'hubspot.renewal_approaching', payload: { arr_usd: 48_000 } });
      const detail: SignalDetail = await (await fetch(`${t.baseUrl}/api/signals/${renewals[0].id}`, { headers: operatorHeaders })).json();
      expect(detail.move).toMatchObject({ domain: 'cs', action_type: 'renewal_outreach', company: 'Renewing Soon Ltd', deal_amount: 48_000 });

      // Raised once: later runs leave it be, until the renewal date moves.
      expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
      await accounts.upsert('Renewing Soon Ltd', { renewalAt: new Date(Date.now() + 25 * day) });
      expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
    });
  });
});
