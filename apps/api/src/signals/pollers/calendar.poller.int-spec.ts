import { QUEUES, SCHEDULED_JOBS, type SignalView } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { ConnectorSettings } from '../../connectors/connector-settings';
import { CALENDAR_SYNC_CURSOR, CalendarConnector } from '../../connectors/google/calendar.connector';
import { HubSpotConnector } from '../../connectors/hubspot/hubspot.connector';
import { IntegrationsService } from '../../connectors/oauth/integrations.service';
import { OAuthFlowService } from '../../connectors/oauth/oauth-flow.service';
import { pollUntilCaughtUp } from '../../testing/caught-up';
import { SandboxControl } from '../../testing/sandbox-control';
import { SandboxProcess } from '../../testing/sandbox-process';
import { beatOf, runScheduledJob } from '../../testing/scheduled-job';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { CalendarPoller } from './calendar.poller';

const BATCH = 2;

describe('Calendar poller (sandbox)', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;
  let poller: CalendarPoller;

  /** One sandbox activity; returns the event id it touched. */
  const tick = async (kind: string): Promise<string> => {
    const res = await fetch(`${sandbox.url}/_sandbox/tick`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [kind], count: 1 }),
    });
    expect(res.ok).toBe(true);
    return (await res.json()).generated[0].eventId;
  };
  /** How many events a first sync lists: those in its window not cancelled (some tests cancel seeded ones). */
  const firstSyncListed = async (): Promise<number> => {
    const windowStart = Date.now() - t.app.get(ConnectorSettings).CALENDAR_FULL_SYNC_DAYS * 86_400_000;
    const { eventList } = (await new SandboxControl(sandbox.url).state()).calendar;
    const listed = eventList.filter((event) => event.status !== 'cancelled' && Date.parse(event.end) > windowStart).length;
    expect(listed).toBeGreaterThan(0);
    return listed;
  };
  const calendarSignals = async (): Promise<SignalView[]> =>
    (await (await fetch(`${t.baseUrl}/api/signals?source=calendar&limit=200`, { headers: operatorHeaders })).json()).items;
  const signalFor = async (eventId: string, kind: string) => {
    const found = (await calendarSignals()).filter((signal) => signal.external_id === eventId && signal.kind === kind);
    expect(found).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    const boot = await startTestApp({ ROLE: 'api' });
    await boot.app.get(DataSource).query('TRUNCATE signals, signal_dedupe_keys, calendar_event_snapshots, integrations');
    await boot.close();
    // ROLE=api: no scheduled run races the polls this test makes.
    t = await startTestApp({ ROLE: 'api', SANDBOX_URL: sandbox.url, SIGNAL_POLL_BATCH: String(BATCH) });
    poller = t.app.get(CalendarPoller);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });
  // Each test starts caught up: it sees only what it makes.
  beforeEach(() => pollUntilCaughtUp(() => poller.poll()));

  it('records what is on the calendar on the first sync without calling it news', async () => {
    // As before any poll: no snapshots or signals, and a new connection (no sync token).
    await t.app.get(DataSource).query('TRUNCATE signals, signal_dedupe_keys, calendar_event_snapshots');
    await t.app.get(OAuthFlowService).connectThroughSandbox('google');
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
    const snapshots = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM calendar_event_snapshots');
    expect(snapshots[0].n).toBe(await firstSyncListed());
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
  });

  it('turns a meeting booked with a HubSpot contact into meeting_booked with a move, once', async () => {
    const eventId = await tick('meeting_booked');
    expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
    const signal = await signalFor(eventId, 'meeting_booked');
    expect(signal.contact_email).not.toMatch(/@caseyos-demo\.test$/);
    expect(await t.app.get(HubSpotConnector).contactByEmail(signal.contact_email!)).not.toBeNull();
    expect(signal.payload.attendees).toContain(signal.contact_email);
    expect(signal.item_id).not.toBeNull();
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
  });

  it('turns a cancelled meeting into meeting_cancelled', async () => {
    const eventId = await tick('meeting_cancelled');
    expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
    const signal = await signalFor(eventId, 'meeting_cancelled');
    expect(signal.payload.status).toBe('cancelled');
    expect(signal.item_id).not.toBeNull();
  });

  it('ignores meetings whose attendees are not known contacts, booked or cancelled', async () => {
    const calendar = t.app.get(CalendarConnector);
    const start = new Date(Date.now() + 86_400_000);
    const { id } = await calendar.insertEvent({
      summary: 'Coffee with a stranger',
      start,
      end: new Date(start.getTime() + 1_800_000),
      attendees: [{ email: 'stranger@nowhere.test' }],
      sendUpdates: 'none',
    });
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
    await calendar.cancelEvent(id, 'none');
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
    expect((await calendarSignals()).filter((signal) => signal.external_id === id)).toEqual([]);
  });

  it('takes at most a batch per run and the next run continues, skipping nothing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < BATCH + 1; i += 1) ids.push(await tick('meeting_booked'));
    expect(await poller.poll()).toEqual({ signals: BATCH, truncated: true });
    expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
    expect(await poller.poll()).toEqual({ signals: 0, truncated: false });
    for (const id of ids) await signalFor(id, 'meeting_booked');
  });

  it('finds a new booking after Google expires the sync token, without repeating old ones', async () => {
    const eventId = await tick('meeting_booked');
    const fault = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'calendar', kind: 'sync_token_expired' }),
    });
    expect(fault.status).toBe(201);
    expect(await poller.poll()).toEqual({ signals: 1, truncated: false });
    await signalFor(eventId, 'meeting_booked');
  });

  it('fails a first sync that gets no sync token, saves nothing, and the next run does the first sync again', async () => {
    const integrations = t.app.get(IntegrationsService);
    const snapshots = async () => (await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM calendar_event_snapshots'))[0].n as number;
    await t.app.get(DataSource).query('TRUNCATE calendar_event_snapshots');
    await t.app.get(OAuthFlowService).connectThroughSandbox('google'); // a new connection: no sync token
    await new SandboxControl(sandbox.url).fault({ service: 'calendar', kind: 'missing_sync_cursor' });
    const run = () => runScheduledJob(t, QUEUES.calendarPoll, SCHEDULED_JOBS.calendarPoll);

    await expect(run()).rejects.toMatchObject({ kind: 'transient', reason: 'MISSING_SYNC_CURSOR' });
    expect(await integrations.cursor('google', CALENDAR_SYNC_CURSOR)).toBeNull();
    expect(await snapshots()).toBe(0);
    const failed = await beatOf(t, SCHEDULED_JOBS.calendarPoll);
    expect(failed.last_error).toBe('google: Calendar events.list answered without a nextSyncToken; the sync cursor was not saved and the next run syncs again');
    const board = (await integrations.summary()).integrations.find((entry) => entry.provider === 'google');
    expect(board?.last_error).toBe(failed.last_error);

    expect(await run()).toEqual({ signals: 0, truncated: false });
    expect(await integrations.cursor('google', CALENDAR_SYNC_CURSOR)).toMatch(/\S/);
    expect(await snapshots()).toBe(await firstSyncListed());
    const recovered = await beatOf(t, SCHEDULED_JOBS.calendarPoll);
    expect(Date.parse(recovered.last_success_at!)).toBeGreaterThanOrEqual(Date.parse(failed.last_error_at!));
  });
});
