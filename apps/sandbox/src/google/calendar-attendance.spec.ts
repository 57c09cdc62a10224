import type { calendar_v3 } from '@googleapis/calendar';
import type { RunningSandbox } from '../sandbox-app';
import { calendarApi, connectGoogle, control, failure, type GoogleApiFailure, startTestSandbox } from '../testing/sandbox-test-kit';

const US = 'founder@caseyos-demo.test';
const CONTACT = 'avery.abernathy@brightline-analytics.test';

describe('Calendar attendee responses through googleapis', () => {
  let sandbox: RunningSandbox;
  let calendar: calendar_v3.Calendar;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    calendar = calendarApi(sandbox, await connectGoogle(sandbox));
  });

  afterAll(() => sandbox.close());

  const insertMeeting = async () => {
    const start = Date.now() + 2 * 86_400_000;
    const { data } = await calendar.events.insert({
      calendarId: 'primary',
      requestBody: {
        summary: 'Intro call',
        start: { dateTime: new Date(start).toISOString() },
        end: { dateTime: new Date(start + 30 * 60_000).toISOString() },
        attendees: [{ email: US }, { email: CONTACT, displayName: 'Avery Abernathy' }],
      },
    });
    return data;
  };
  const responses = (event: calendar_v3.Schema$Event) => (event.attendees ?? []).map((a) => [a.email, a.responseStatus, !!a.self]);
  /** What a client does to record an answer: the whole list back, one responseStatus changed. */
  const answer = (event: calendar_v3.Schema$Event, email: string, responseStatus: string) =>
    calendar.events.patch({
      calendarId: 'primary',
      eventId: event.id ?? '',
      requestBody: { attendees: (event.attendees ?? []).map((a) => (a.email === email ? { ...a, responseStatus } : a)) },
    });

  it('gives the organizer (self) accepted and everyone else needsAction, on insert, get and list', async () => {
    const inserted = await insertMeeting();
    const expected = [
      [US, 'accepted', true],
      [CONTACT, 'needsAction', false],
    ];
    expect(responses(inserted)).toEqual(expected);
    expect(inserted.attendees?.[0]).toMatchObject({ organizer: true, self: true });
    expect(responses((await calendar.events.get({ calendarId: 'primary', eventId: inserted.id ?? '' })).data)).toEqual(expected);
    const listed = (await calendar.events.list({ calendarId: 'primary', q: 'Intro call' })).data.items ?? [];
    expect(responses(listed.find((e) => e.id === inserted.id) ?? {})).toEqual(expected);
  });

  it("records the contact's answer through events.patch, seen by get and by incremental sync", async () => {
    const inserted = await insertMeeting();
    const { nextSyncToken } = (await calendar.events.list({ calendarId: 'primary' })).data;
    const accepted = await answer(inserted, CONTACT, 'accepted');
    expect(responses(accepted.data)).toEqual([
      [US, 'accepted', true],
      [CONTACT, 'accepted', false],
    ]);
    expect(accepted.data.attendees?.[1]).toMatchObject({ displayName: 'Avery Abernathy' });
    const changes = (await calendar.events.list({ calendarId: 'primary', syncToken: nextSyncToken ?? '' })).data.items ?? [];
    expect(changes.map((e) => [e.id, e.attendees?.[1]?.responseStatus])).toEqual([[inserted.id, 'accepted']]);

    await answer(accepted.data, CONTACT, 'declined');
    expect(responses((await calendar.events.get({ calendarId: 'primary', eventId: inserted.id ?? '' })).data)[1]).toEqual([CONTACT, 'declined', false]);
  });

  it('resets an answer left out of a patched attendee list, as Google replaces the list whole', async () => {
    const inserted = await insertMeeting();
    await answer(inserted, CONTACT, 'tentative');
    const patched = await calendar.events.patch({
      calendarId: 'primary',
      eventId: inserted.id ?? '',
      requestBody: { attendees: [{ email: US }, { email: CONTACT }] },
    });
    expect(responses(patched.data)[1]).toEqual([CONTACT, 'needsAction', false]);
  });

  it('refuses an unknown responseStatus and an unknown event', async () => {
    const inserted = await insertMeeting();
    const invalid = await failure<GoogleApiFailure>(answer(inserted, CONTACT, 'maybe'));
    expect(invalid).toMatchObject({ status: 400, response: { data: { error: { errors: [{ reason: 'invalid' }] } } } });
    expect(responses((await calendar.events.get({ calendarId: 'primary', eventId: inserted.id ?? '' })).data)[1]).toEqual([CONTACT, 'needsAction', false]);

    const missing = await failure<GoogleApiFailure>(answer({ ...inserted, id: 'nosuchevent1' }, CONTACT, 'accepted'));
    expect(missing).toMatchObject({ status: 404, response: { data: { error: { errors: [{ reason: 'notFound' }] } } } });
  });

  it('lets a fault target the patch route', async () => {
    const inserted = await insertMeeting();
    await control(sandbox, 'POST', '/_sandbox/faults', {
      service: 'calendar',
      kind: 'server_error',
      route: 'PATCH /calendar/v3/calendars/:calendarId/events/:eventId',
    });
    await calendar.events.get({ calendarId: 'primary', eventId: inserted.id ?? '' });
    expect(await failure<GoogleApiFailure>(answer(inserted, CONTACT, 'accepted'))).toMatchObject({ status: 503 });
    expect(responses((await answer(inserted, CONTACT, 'accepted')).data)[1]).toEqual([CONTACT, 'accepted', false]);
  });
});
