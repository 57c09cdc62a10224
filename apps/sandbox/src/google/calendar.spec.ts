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
    expect(notifications.filter((n: { eventId: string }) => n.eventId === eventId).map((n: { action: string; sendUpdates: string }) => [n.action, n.sendUpdates])).toEqual([
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

  it('invalidates sync tokens of an earlier world on reset', async () => {
    const { syncToken } = await fullSync();
    await control(sandbox, 'POST', '/_sandbox/reset');
    expect((await failure<GoogleApiFailure>(changesSince(syncToken))).status).toBe(410);
  });

  it('validates inserts like Calendar', async () => {
    const noEnd = failure<GoogleApiFailure>(calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'x', start: { dateTime: new Date().toISOString() } } }));
    expect((await noEnd).status).toBe(400);
    expect((await failure<GoogleApiFailure>(calendar.events.list({ calendarId: 'someone-else@example.com' }))).status).toBe(404);
    const { syncToken } = await fullSync();
    expect((await failure<GoogleApiFailure>(calendar.events.list({ calendarId: 'primary', syncToken, timeMin: new Date().toISOString() }))).status).toBe(400);
    expect((await failure<GoogleApiFailure>(calendar.events.list({ calendarId: 'primary', syncToken: 'not-a-sync-token' }))).status).toBe(410);
  });
});
