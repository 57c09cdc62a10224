import type { SignalView } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { SandboxProcess } from '../../testing/sandbox-process';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { HubSpotDealsPoller } from './hubspot-deals.poller';

describe('HubSpot deal poller (sandbox)', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;

  const tick = async (...events: string[]) => {
    const res = await fetch(`${sandbox.url}/_sandbox/tick`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events, count: events.length }) });
    expect(res.ok).toBe(true);
  };
  const hubspotSignals = async (): Promise<SignalView[]> =>
    (await (await fetch(`${t.baseUrl}/api/signals?source=hubspot&limit=200`, { headers: operatorHeaders })).json()).items;

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    const boot = await startTestApp({ ROLE: 'api' });
    await boot.app.get(DataSource).query('TRUNCATE signals, signal_dedupe_keys, hubspot_deal_snapshots, integrations');
    await boot.close();
    // ROLE=api: no scheduled run races the polls this test makes.
    t = await startTestApp({ ROLE: 'api', SANDBOX_URL: sandbox.url, SIGNAL_POLL_BATCH: '2' });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('records where deals stand on the first poll without calling an existing pipeline news', async () => {
    const poller = t.app.get(HubSpotDealsPoller);
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
    const snapshots = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM hubspot_deal_snapshots');
    expect(snapshots[0].n).toBeGreaterThanOrEqual(10);
    expect(await hubspotSignals()).toEqual([]);
  });

  it('turns new deals and stage moves into signals and moves, each once', async () => {
    const poller = t.app.get(HubSpotDealsPoller);
    await tick('deal_created');
    await tick('deal_stage_backward');
    const result = await poller.poll();
    expect(result).toEqual({ signals: 2, truncated: false });
    const signals = await hubspotSignals();
    expect(signals.map((signal) => signal.kind).sort()).toEqual(['deal_created', 'deal_regressed']);
    for (const signal of signals) {
      expect(signal.item_id).not.toBeNull();
      expect(signal.payload).toMatchObject({ deal_id: signal.external_id });
    }
    const regressed = signals.find((signal) => signal.kind === 'deal_regressed')!;
    expect(regressed.payload.from_stage).not.toBe(regressed.payload.to_stage);
    // The overlap re-reads recent deals; nothing new happened, so nothing new is made.
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
  });

  it('takes at most a batch per run and continues where it stopped, skipping nothing', async () => {
    const poller = t.app.get(HubSpotDealsPoller);
    const before = (await hubspotSignals()).length;
    for (let i = 0; i < 5; i += 1) await tick('deal_stage_forward');
    const runs = [];
    for (let i = 0; i < 4; i += 1) runs.push(await poller.poll());
    expect(runs.map((run) => run.truncated)).toEqual([true, true, false, false]);
    expect(runs.reduce((sum, run) => sum + run.signals, 0)).toBe(5);
    const signals = await hubspotSignals();
    expect(signals.length - before).toBe(5);
    expect(new Set(signals.map((signal) => signal.id)).size).toBe(signals.length);
  });
});
