import { QUEUES, SCHEDULED_JOBS, type SignalView } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { GMAIL_HISTORY_CURSOR, GmailConnector } from '../../connectors/google/gmail.connector';
import { IntegrationsService } from '../../connectors/oauth/integrations.service';
import { OAuthFlowService } from '../../connectors/oauth/oauth-flow.service';
import { SandboxControl } from '../../testing/sandbox-control';
import { pollUntilCaughtUp } from '../../testing/caught-up';
import { SandboxProcess } from '../../testing/sandbox-process';
import { beatOf, runScheduledJob } from '../../testing/scheduled-job';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { GmailRepliesPoller } from './gmail-replies.poller';

const BATCH = 3;

describe('Gmail reply poller (sandbox)', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;
  let poller: GmailRepliesPoller;

  /** One sandbox activity; returns the Gmail message ids it added. */
  const tick = async (kind: string): Promise<string[]> => {
    const res = await fetch(`${sandbox.url}/_sandbox/tick`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [kind], count: 1 }),
    });
    expect(res.ok).toBe(true);
    return (await res.json()).generated.flatMap((event: { messageIds: string[] }) => event.messageIds);
  };
  const gmailSignals = async (): Promise<SignalView[]> =>
    (await (await fetch(`${t.baseUrl}/api/signals?source=gmail&limit=200`, { headers: operatorHeaders })).json()).items;
  /** Polls once, expects exactly one new signal, about one of the given messages. */
  const pollOne = async (messageIds: string[]): Promise<SignalView> => {
    expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
    const found = (await gmailSignals()).filter((signal) => messageIds.includes(signal.external_id ?? ''));
    expect(found).toHaveLength(1);
    return found[0];
  };
  const sender = async (messageId: string) => (await t.app.get(GmailConnector).messageMetadata(messageId)).from?.address;

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    const boot = await startTestApp({ ROLE: 'api' });
    await boot.app.get(DataSource).query('TRUNCATE signals, signal_dedupe_keys, integrations');
    await boot.close();
    // ROLE=api: no scheduled run races the polls this test makes.
    t = await startTestApp({ ROLE: 'api', SANDBOX_URL: sandbox.url, SIGNAL_POLL_BATCH: String(BATCH) });
    poller = t.app.get(GmailRepliesPoller);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });
  // Each test starts caught up: it sees only what it makes.
  beforeEach(() => pollUntilCaughtUp(() => poller.poll()));

  it('lists the last days of mail on the first sync, turns the replies in it into classified signals once, then saves the history id', async () => {
    // As before any poll: the seeded mailbox (other tests add auto-replies and bounces), no signals, and a new connection (no history id).
    await new SandboxControl(sandbox.url).reset();
    await t.app.get(DataSource).query('TRUNCATE signals, signal_dedupe_keys');
    await t.app.get(OAuthFlowService).connectThroughSandbox('google');
    const runs = [];
    do runs.push(await poller.poll());
    while (runs[runs.length - 1].truncated && runs.length < 10);
    expect(runs[runs.length - 1].truncated).toBe(false);
    const signals = await gmailSignals();
    expect(signals.length).toBe(runs.reduce((sum, run) => sum + run.signals, 0));
    expect(signals.length).toBeGreaterThan(0);
    expect(new Set(signals.map((signal) => signal.external_id)).size).toBe(signals.length);
    for (const signal of signals) {
      expect(signal.kind).toMatch(/^reply_(positive|negative|neutral)$/);
      expect(signal.classification).toEqual({ label: signal.kind.replace('reply_', ''), rule: expect.any(String) });
      expect(signal.contact_email).not.toMatch(/@caseyos-demo\.test$/);
    }
    // The history id is saved: nothing new, nothing re-listed.
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
  });

  it('turns a reply into a classified reply signal with a move', async () => {
    const ids = await tick('email_reply');
    const signal = await pollOne(ids);
    expect(signal.kind).toMatch(/^reply_(positive|negative|neutral)$/);
    expect(signal.classification).toEqual({ label: signal.kind.replace('reply_', ''), rule: expect.any(String) });
    expect(signal.contact_email).toBe(await sender(ids[0]));
    expect(signal.payload.reason).toBe('answers our message');
    expect(signal.item_id).not.toBeNull();
    expect(JSON.stringify(signal.payload)).not.toContain('snippet');
  });

  it('refreshes an expired access token during a run and completes it', async () => {
    const control = new SandboxControl(sandbox.url);
    const refreshes = async () => (await control.state()).google.oauth.refreshGrantsServed;
    const served = await refreshes();
    const tokenBefore = (await t.app.get(IntegrationsService).tokens('google'))!.accessToken;
    const ids = await tick('email_reply');
    await control.fault({ service: 'gmail', kind: 'expired_token' });
    await pollOne(ids);
    expect(await refreshes()).toBe(served + 1);
    expect((await t.app.get(IntegrationsService).tokens('google'))!.accessToken).not.toBe(tokenBefore);
  });

  it('counts a forwarded answer from a third party as a reply from that person', async () => {
    const ids = await tick('email_forwarded_reply');
    const signal = await pollOne(ids);
    expect(signal.kind).toMatch(/^reply_/);
    expect(signal.classification).not.toBeNull();
    expect(signal.payload.reason).toBe('forwarded answer from a third party');
    expect(signal.contact_email).toBe(await sender(ids[0]));
  });

  it("counts an answer from a Bcc'd recipient as a reply", async () => {
    const ids = await tick('email_bcc_reply');
    const signal = await pollOne(ids);
    expect(signal.kind).toMatch(/^reply_/);
    expect(signal.classification).not.toBeNull();
    expect(signal.payload.reason).toBe("answers our message (was Bcc'd)");
    expect(signal.contact_email).toBe(await sender(ids[0]));
  });

  it('stores an out-of-office answer as auto_reply, processed with no move', async () => {
    const ids = await tick('email_auto_reply');
    const signal = await pollOne(ids);
    expect(signal.kind).toBe('auto_reply');
    expect(signal.classification).toBeNull();
    expect(signal.processed_at).not.toBeNull();
    expect(signal.item_id).toBeNull();
  });

  it('stores a bounce as a bounce signal about the address that bounced', async () => {
    const [followUp, bounce] = await tick('email_bounce');
    const signal = await pollOne([followUp, bounce]);
    expect(signal.kind).toBe('bounce');
    expect(signal.external_id).toBe(bounce);
    const sent = await t.app.get(GmailConnector).messageMetadata(followUp);
    expect(signal.contact_email).toBe(sent.to[0].address);
    expect(signal.item_id).not.toBeNull();
  });

  it('takes at most a batch per run and the next run continues, skipping nothing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < BATCH + 2; i += 1) ids.push(...(await tick('email_reply')));
    expect(await poller.poll()).toEqual({ signals: BATCH, truncated: true });
    expect(await poller.poll()).toEqual({ signals: 2, truncated: false });
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
    const stored = (await gmailSignals()).filter((signal) => ids.includes(signal.external_id ?? ''));
    expect(stored.map((signal) => signal.external_id).sort()).toEqual([...ids].sort());
  });

  it('loses no reply when Gmail has expired the history id', async () => {
    const ids = await tick('email_reply');
    const fault = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'gmail', kind: 'stale_history_id' }),
    });
    expect(fault.status).toBe(201);
    // The fallback re-lists recent mail; everything already stored is skipped, only the new reply is new.
    const signal = await pollOne(ids);
    expect(signal.kind).toMatch(/^reply_/);
    const served = (await (await fetch(`${sandbox.url}/_sandbox/faults`)).json()).served;
    expect(served.some((entry: { kind: string }) => entry.kind === 'stale_history_id')).toBe(true);
  });

  it('fails a run whose history answer has no history id, keeps the cursor it had, and the next run finds the reply', async () => {
    const integrations = t.app.get(IntegrationsService);
    const before = await integrations.cursor('google', GMAIL_HISTORY_CURSOR);
    expect(before).toMatch(/^\d+$/);
    const ids = await tick('email_reply');
    await new SandboxControl(sandbox.url).fault({ service: 'gmail', kind: 'missing_sync_cursor', route: 'GET /gmail/v1/users/:userId/history' });
    const run = () => runScheduledJob(t, QUEUES.gmailRepliesPoll, SCHEDULED_JOBS.gmailRepliesPoll);

    await expect(run()).rejects.toMatchObject({ kind: 'transient', reason: 'MISSING_SYNC_CURSOR' });
    expect(await integrations.cursor('google', GMAIL_HISTORY_CURSOR)).toBe(before);
    expect((await beatOf(t, SCHEDULED_JOBS.gmailRepliesPoll)).last_error).toBe(
      'google: Gmail history.list answered without a historyId; the sync cursor was not saved and the next run syncs again',
    );
    expect((await gmailSignals()).filter((signal) => ids.includes(signal.external_id ?? ''))).toEqual([]);

    expect(await run()).toEqual({ signals: 1, truncated: false });
    expect((await gmailSignals()).filter((signal) => ids.includes(signal.external_id ?? ''))).toHaveLength(1);
    expect(Number(await integrations.cursor('google', GMAIL_HISTORY_CURSOR))).toBeGreaterThan(Number(before));
  });

  it('fails a full sync whose profile has no history id and saves no cursor', async () => {
    const integrations = t.app.get(IntegrationsService);
    await t.app.get(OAuthFlowService).connectThroughSandbox('google'); // a new connection: no history id
    await new SandboxControl(sandbox.url).fault({ service: 'gmail', kind: 'missing_sync_cursor', route: 'GET /gmail/v1/users/:userId/profile' });
    await expect(poller.poll()).rejects.toMatchObject({ reason: 'MISSING_SYNC_CURSOR' });
    expect(await integrations.cursor('google', GMAIL_HISTORY_CURSOR)).toBeNull();
    expect((await integrations.summary()).integrations.find((entry) => entry.provider === 'google')?.last_error).toBe(
      'google: Gmail getProfile answered without a historyId; the sync cursor was not saved and the next run syncs again',
    );
    // The next run lists recent mail again (everything already stored is skipped) and saves the mailbox's history id.
    expect(await poller.poll()).toMatchObject({ truncated: false });
    expect(await integrations.cursor('google', GMAIL_HISTORY_CURSOR)).toBe((await new SandboxControl(sandbox.url).state()).gmail.historyId);
  });

  it('lists both pollers in /health/beat', async () => {
    const body = await (await fetch(`${t.baseUrl}/health/beat`)).json();
    const names = body.jobs.map((job: { name: string }) => job.name);
    expect(names).toEqual(expect.arrayContaining(['gmail-replies-poll', 'calendar-poll']));
  });
});
