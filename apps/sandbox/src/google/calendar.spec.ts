import type { calendar_v3 } from '@googleapis/calendar';
import type { RunningSandbox } from '../sandbox-app';
import { calendarApi, connectGoogle, control, failure, type GoogleApiFailure, startTestSandbox } from '../testing/sandbox-test-kit';

describe('Google Calendar through googleapis', () => {
  let sandbox: RunningSandbox;
  let calendar: calendar_v3.Calendar;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    calendar = calendarApi(sandbox, await connectGoogle(sandbox));
  });

  afterAll(() => sandbox.close());

  /** A full sync, all pages; returns the events and the sync token of the last page. */
  async function fullSync(maxResults = 250): Promise<{ items: calendar_v3.Schema$Event[]; syncToken: string }> {
    const items: calendar_v3.Schema$Event[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const { data } = await calendar.events.list({ calendarId: 'primary', maxResults, pageToken });
      items.push(...(data.items ?? []));
      if (!data.nextPageToken) return { items, syncToken: data.nextSyncToken ?? '' };
      expect(data.nextSyncToken).toBeUndefined();
      pageToken = data.nextPageToken;
    }
  }

  const changesSince = async (syncToken: string) => (await calendar.events.list({ calendarId: 'primary', syncToken })).data;

  const meeting = (summary: string): calendar_v3.Schema$Event => {
    const start = Date.now() + 3 * 86_400_000;
    return {
      summary,
      start: { dateTime: new Date(start).toISOString() },
      end: { dateTime: new Date(start + 30 * 60_000).toISOString() },
      attendees: [{ email: 'avery.abernathy@brightline-analytics.test' }],
    };
  };

  it('pages a full sync and ends with a sync token', async () => {
    // The seeded world's six events: other tests add their own.
    expect((await control(sandbox, 'POST', '/_sandbox/reset')).status).toBe(200);
    const { items, syncToken } = await fullSync(2);
    expect(items).toHaveLength(6);
    expect(new Set(items.map((e) => e.id)).size).toBe(6);
    expect(syncToken).toBeTruthy();
    expect((await changesSince(syncToken)).items).toEqual([]);
  });

  it('shows an inserted event and then its deletion (as cancelled) to incremental sync, recording sendUpdates', async () => {
    const { syncToken } = await fullSync();
    const inserted = await calendar.events.insert({ calendarId: 'primary', sendUpdates: 'all', requestBody: meeting('Pricing call') });
    expect(inserted.data).toMatchObject({ status: 'confirmed', summary: 'Pricing call', organizer: { email: 'founder@caseyos-demo.test', self: true } });
    expect(inserted.data.attendees?.[0]).toMatchObject({ responseStatus: 'needsAction' });
    const eventId = inserted.data.id ?? '';

    const afterInsert = await changesSince(syncToken);
    expect(afterInsert.items?.map((e) => [e.id, e.status])).toEqual([[eventId, 'confirmed']]);

    const deleted = await calendar.events.delete({ calendarId: 'primary', eventId, sendUpdates: 'none' });
    expect(deleted.status).toBe(204);
    const afterDelete = await changesSince(afterInsert.nextSyncToken ?? '');
    expect(afterDelete.items?.map((e) => [e.id, e.status])).toEqual([[eventId, 'cancelled']]);

    expect((await calendar.events.get({ calendarId: 'primary', eventId })).data.status).toBe('cancelled');
    expect((await failure<GoogleApiFailure>(calendar.events.delete({ calendarId: 'primary', eventId }))).status).toBe(410);
    const visible = (await calendar.events.list({ calendarId: 'primary' })).data.items ?? [];
    expect(visible.map((e) => e.id)).not.toContain(eventId);
    const withDeleted = (await calendar.events.list({ calendarId: 'primary', showDeleted: true })).data.items ?? [];
    expect(withDeleted.map((e) => e.id)).toContain(eventId);

    const notifications = (await control(sandbox, 'GET', '/_sandbox/state')).body.calendar.notifications;
    expect(
      notifications.filter((n: { eventId: string }) => n.eventId === eventId).map((n: { action: string; sendUpdates: string }) => [n.action, n.sendUpdates]),
    ).toEqual([
      ['created', 'all'],
      ['cancelled', 'none'],
    ]);
  });

  it('cancels an event through patch', async () => {
    const { syncToken } = await fullSync();
    const eventId = (await calendar.events.insert({ calendarId: 'primary', requestBody: meeting('Kickoff') })).data.id ?? '';
    const patched = await calendar.events.patch({ calendarId: 'primary', eventId, sendUpdates: 'all', requestBody: { status: 'cancelled' } });
    expect(patched.data.status).toBe('cancelled');
    expect((await changesSince(syncToken)).items?.map((e) => e.status)).toEqual(['cancelled']);
  });

  it('shows meetings booked and cancelled by the activity generator to incremental sync', async () => {
    const { syncToken } = await fullSync();
    const { body } = await control(sandbox, 'POST', '/_sandbox/tick', { events: ['meeting_booked', 'meeting_cancelled'] });
    const [booked, cancelled] = body.generated;
    const changes = new Map(((await changesSince(syncToken)).items ?? []).map((e) => [e.id, e.status]));
    expect(changes.has(booked.eventId)).toBe(true);
    expect(changes.get(cancelled.eventId)).toBe('cancelled');
  });

  it("answers an expired sync token with Calendar's 410, after which a full sync starts over", async () => {
    const { syncToken } = await fullSync();
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'calendar', kind: 'sync_token_expired' });
    // A list without a sync token does not consume the fault.
    await calendar.events.list({ calendarId: 'primary' });
    const error = await failure<GoogleApiFailure>(changesSince(syncToken));
    expect(error.status).toBe(410);
    expect(error.response?.data).toEqual({
      error: {
        errors: [{ domain: 'global', reason: 'fullSyncRequired', message: 'Sync token is no longer valid, a full sync is required.' }],
        code: 410,
        message: 'Sync token is no longer valid, a full sync is required.',
      },
    });
    const again = await fullSync();
    expect((await changesSince(again.syncToken)).items).toEqual([]);
  });

  it('leaves nextSyncToken out of the last page on a missing_sync_cursor fault; earlier pages pass it by', async () => {
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'calendar', kind: 'missing_sync_cursor' });
    const first = (await calendar.events.list({ calendarId: 'primary', maxResults: 2 })).data;
    expect(first.nextPageToken).toBeTruthy();
    expect((await control(sandbox, 'GET', '/_sandbox/faults')).body.pending).toHaveLength(1);
    const broken = await fullSync();
    expect(broken.items.length).toBeGreaterThan(0);
    expect(broken.syncToken).toBe('');
    expect((await control(sandbox, 'GET', '/_sandbox/faults')).body.pending).toEqual([]);
    expect((await fullSync()).syncToken).toBeTruthy();
  });

  it('invalidates sync tokens of an earlier world on reset', async () => {
    const { syncToken } = await fullSync();
    await control(sandbox, 'POST', '/_sandbox/reset');
    expect((await failure<GoogleApiFailure>(changesSince(syncToken))).status).toBe(410);
  });

  it('answers free/busy for our own calendar: merged, clipped, without transparent, declined or cancelled events', async () => {
    const at = (time: string) => ({ dateTime: `2031-05-06T${time}:00Z` });
    const insert = (start: string, end: string, extra: calendar_v3.Schema$Event = {}) =>
      calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'Busy', start: at(start), end: at(end), ...extra } });
    await insert('09:00', '10:00');
    await insert('09:30', '10:30');
    await insert('10:30', '11:00');
    await insert('12:00', '13:00', { transparency: 'transparent' });
    await insert('13:00', '14:00', { attendees: [{ email: 'founder@caseyos-demo.test', responseStatus: 'declined' }] });
    const cancelled = await insert('14:00', '15:00');
    await calendar.events.delete({ calendarId: 'primary', eventId: cancelled.data.id ?? '' });
    await insert('16:30', '18:00');

    const { data } = await calendar.freebusy.query({
      requestBody: {
        timeMin: '2031-05-06T08:00:00Z',
        timeMax: '2031-05-06T17:00:00Z',
        items: [{ id: 'primary' }, { id: 'Founder@caseyos-demo.test' }, { id: 'someone@elsewhere.test' }],
      },
    });
    const busy = [
      { start: '2031-05-06T09:00:00Z', end: '2031-05-06T11:00:00Z' },
      { start: '2031-05-06T16:30:00Z', end: '2031-05-06T17:00:00Z' },
    ];
    expect(data).toEqual({
      kind: 'calendar#freeBusy',
      timeMin: '2031-05-06T08:00:00Z',
      timeMax: '2031-05-06T17:00:00Z',
      calendars: {
        primary: { busy },
        'Founder@caseyos-demo.test': { busy },
        'someone@elsewhere.test': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
      },
    });

    const missing = await failure<GoogleApiFailure>(calendar.freebusy.query({ requestBody: { timeMax: '2031-05-06T17:00:00Z', items: [{ id: 'primary' }] } }));
    expect(missing.status).toBe(400);
    const empty = calendar.freebusy.query({ requestBody: { timeMin: '2031-05-06T17:00:00Z', timeMax: '2031-05-06T08:00:00Z', items: [] } });
    expect((await failure<GoogleApiFailure>(empty)).status).toBe(400);
    const mailOnly = calendarApi(sandbox, await connectGoogle(sandbox, { scopes: ['https://www.googleapis.com/auth/gmail.readonly'] }));
    const refused = mailOnly.freebusy.query({ requestBody: { timeMin: '2031-05-06T08:00:00Z', timeMax: '2031-05-06T17:00:00Z', items: [{ id: 'primary' }] } });
    expect((await failure<GoogleApiFailure>(refused)).status).toBe(403);
  });

  it('validates inserts like Calendar', async () => {
    const noEnd = failure<GoogleApiFailure>(
      calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'x', start: { dateTime: new Date().toISOString() } } }),
    );
    expect((await noEnd).status).toBe(400);
    expect((await failure<GoogleApiFailure>(calendar.events.list({ calendarId: 'someone-else@example.com' }))).status).toBe(404);
    const { syncToken } = await fullSync();
    expect((await failure<GoogleApiFailure>(calendar.events.list({ calendarId: 'primary', syncToken, timeMin: new Date().toISOString() }))).status).toBe(400);
    expect((await failure<GoogleApiFailure>(calendar.events.list({ calendarId: 'primary', syncToken: 'not-a-sync-token' }))).status).toBe(410);
  });
});
