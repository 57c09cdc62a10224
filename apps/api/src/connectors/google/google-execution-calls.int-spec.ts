import { randomUUID } from 'node:crypto';
import type { ConnectedTestApp } from '../../testing/connected-test-app';
import { eventually } from '../../testing/test-app';
import { itLeaksNoSecrets, watchConnectedApp } from '../../testing/watched-connected-app';
import { ConnectorNotFoundError, ConnectorTransientError } from '../errors/connector-errors';
import { CalendarConnector } from './calendar.connector';
import { GmailConnector } from './gmail.connector';

/** What the execution module relies on: marked objects found again, strict removal, abort, one attempt. */
describe('Gmail and Calendar calls of an execution, against the sandbox', () => {
  let t: ConnectedTestApp;
  let gmail: GmailConnector;
  let calendar: CalendarConnector;
  const watched = watchConnectedApp({ CONNECTOR_RETRY_BASE_MS: '20', CONNECTOR_TIMEOUT_MS: '2500' });

  beforeAll(() => {
    t = watched().app;
    gmail = t.app.get(GmailConnector);
    calendar = t.app.get(CalendarConnector);
  });

  const marker = () => randomUUID().replace(/-/g, '');
  const newDraft = (id = marker()) => ({
    to: 'ana@example.com',
    subject: 'Pricing follow-up',
    text: 'Hello Ana, the annual plan is attached.',
    messageId: `<${id}.caseyos@caseyos-demo.test>`,
    headers: { 'X-CaseyOS-Execution': id },
  });
  const newEvent = (start = Date.now() + 5 * 86_400_000) => ({
    id: `cos${marker()}`,
    summary: 'Intro call',
    start: new Date(start),
    end: new Date(start + 30 * 60_000),
    attendees: [{ email: 'ana@example.com' }],
  });
  const abortAfter = (ms: number) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), ms);
    return controller.signal;
  };
  const failure = (call: Promise<unknown>) =>
    call.then(
      () => Promise.reject(new Error('expected the call to fail')),
      (error: unknown) => error,
    );
  const served = async () => (await t.sandbox.state()).faults.served.length;

  describe('Gmail drafts', () => {
    it('composes exactly the message a draft is made with, and finds it again by its Message-ID', async () => {
      const draft = newDraft();
      const preview = await gmail.compose(draft);
      expect(preview.text).toBe(draft.text);
      expect(preview.headers).toMatchObject({
        'Message-ID': draft.messageId,
        'X-CaseyOS-Execution': draft.headers['X-CaseyOS-Execution'],
        From: expect.stringContaining('founder@caseyos-demo.test'),
        To: 'ana@example.com',
        Subject: 'Pricing follow-up',
      });
      expect(Date.parse(preview.headers.Date)).not.toBeNaN();
      expect(await gmail.findDraftsByMessageId(draft.messageId)).toEqual([]);

      const created = await gmail.createComposedDraft(preview, { retries: false });
      expect(created.rfc822MessageId).toBe(draft.messageId);
      const stored = (await t.sandbox.state()).gmail.drafts.find((d) => d.id === created.draftId)!;
      expect(Object.keys(stored.headers)).toEqual(expect.arrayContaining(['Message-ID', 'X-CaseyOS-Execution', 'From', 'To', 'Subject']));
      for (const [name, value] of Object.entries(stored.headers)) expect(preview.headers[name]).toBe(value);

      const ref = { draftId: created.draftId, messageId: created.messageId, threadId: created.threadId };
      expect(await gmail.findDraftsByMessageId(draft.messageId)).toEqual([ref]);
      expect(await gmail.findDraftsByMessageId(draft.messageId.slice(1, -1))).toEqual([ref]);
      expect(await gmail.deleteDraft(created.draftId, { retries: false })).toBe(true);
      expect(await gmail.findDraftsByMessageId(draft.messageId)).toEqual([]);
    });

    it('deletes strictly: false only when Gmail says the draft is not there, an unknown route throws', async () => {
      expect(await gmail.deleteDraft('r1999999999')).toBe(false);
      await t.sandbox.fault({ service: 'gmail', kind: 'route_not_found', route: 'DELETE /gmail/v1/users/:userId/drafts/:id' });
      const error = await failure(gmail.deleteDraft('r1999999999'));
      expect(error).toBeInstanceOf(ConnectorNotFoundError);
      expect(error).toMatchObject({ status: 404, objectMissing: false });
    });

    it('cancels a create held by latency at once; the draft still lands and is found by its Message-ID', async () => {
      const draft = newDraft();
      await gmail.ourAddresses();
      await t.sandbox.fault({ service: 'gmail', kind: 'latency', latency_ms: 2000, route: 'POST /gmail/v1/users/:userId/drafts' });
      const started = performance.now();
      const error = await failure(gmail.createDraft(draft, { signal: abortAfter(150), retries: false }));
      expect(performance.now() - started).toBeLessThan(1000);
      expect(error).toBeInstanceOf(ConnectorTransientError);
      expect(error).toMatchObject({ reason: 'AbortError', retryable: true });
      expect(await gmail.findDraftsByMessageId(draft.messageId)).toEqual([]);

      const landed = await eventually(async () => {
        const [found] = await gmail.findDraftsByMessageId(draft.messageId);
        expect(found).toBeDefined();
        return found;
      }, 10_000);
      expect(await gmail.deleteDraft(landed.draftId)).toBe(true);
    });

    it('refuses at once, sending nothing, when the signal has aborted already', async () => {
      const drafts = (await t.sandbox.state()).gmail.drafts.length;
      await t.sandbox.fault({ service: 'gmail', kind: 'server_error', methods: ['POST'] });
      const before = await served();
      await expect(gmail.createDraft(newDraft(), { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'transient', reason: 'AbortError' });
      expect(await served()).toBe(before);
      expect((await t.sandbox.state()).gmail.drafts).toHaveLength(drafts);
    });

    it('makes one attempt with retries off, still refreshing once after an expired token', async () => {
      await t.sandbox.fault({ service: 'gmail', kind: 'server_error', status: 503, times: 2 });
      const before = await served();
      await expect(gmail.findDraftsByMessageId('<none@caseyos-demo.test>', { retries: false })).rejects.toMatchObject({ kind: 'transient', status: 503 });
      expect(await served()).toBe(before + 1);
      // With the default, the same read is retried past the remaining 503.
      expect(await gmail.findDraftsByMessageId('<none@caseyos-demo.test>')).toEqual([]);

      const refreshes = (await t.sandbox.state()).google.oauth.refreshGrantsServed;
      await t.sandbox.fault({ service: 'gmail', kind: 'expired_token' });
      expect(await gmail.findDraftsByMessageId('<none@caseyos-demo.test>', { retries: false })).toEqual([]);
      expect((await t.sandbox.state()).google.oauth.refreshGrantsServed).toBe(refreshes + 1);
    });
  });

  describe('Calendar events', () => {
    it('returns the event an earlier insert made when its own id comes back as a duplicate', async () => {
      const event = newEvent();
      const first = await calendar.insertEvent(event, { retries: false });
      expect(first).toEqual({
        id: event.id,
        htmlLink: expect.stringMatching(/^https:/),
        status: 'confirmed',
        start: event.start,
        end: event.end,
        attendees: [{ email: 'ana@example.com', responseStatus: 'needsAction', self: false }],
        existed: false,
      });
      const again = await calendar.insertEvent({ ...event, summary: 'Another title' }, { retries: false });
      expect(again).toEqual({ ...first, existed: true });
      const stored = (await t.sandbox.state()).calendar.eventList.filter((e) => e.id === event.id);
      expect(stored).toEqual([expect.objectContaining({ summary: 'Intro call', attendees: ['ana@example.com'] })]);
      const { existed: _existed, ...read } = first;
      expect(await calendar.getEvent(event.id)).toEqual(read);
    });

    it('reads a cancelled event as cancelled and an unknown one as null; an unknown route throws', async () => {
      const event = await calendar.insertEvent(newEvent());
      expect(await calendar.deleteEvent(event.id)).toBe(true);
      expect(await calendar.getEvent(event.id)).toMatchObject({ id: event.id, status: 'cancelled' });
      expect(await calendar.getEvent('nosuchevent123')).toBeNull();
      await t.sandbox.fault({ service: 'calendar', kind: 'route_not_found', route: 'GET /calendar/v3/calendars/:calendarId/events/:eventId' });
      await expect(calendar.getEvent('nosuchevent123')).rejects.toMatchObject({ kind: 'not_found', objectMissing: false });
    });

    it('deletes and cancels strictly: false only for a missing or deleted event, an unknown route throws', async () => {
      const event = await calendar.insertEvent(newEvent());
      expect(await calendar.deleteEvent(event.id)).toBe(true);
      expect(await calendar.deleteEvent(event.id)).toBe(false);
      expect(await calendar.deleteEvent('nosuchevent123')).toBe(false);
      expect(await calendar.cancelEvent('nosuchevent123', 'none')).toBe(false);
      await t.sandbox.fault({ service: 'calendar', kind: 'route_not_found', methods: ['DELETE', 'PATCH'], times: 2 });
      await expect(calendar.deleteEvent('nosuchevent123')).rejects.toMatchObject({ kind: 'not_found', status: 404, objectMissing: false });
      await expect(calendar.cancelEvent('nosuchevent123', 'none', { retries: false })).rejects.toMatchObject({ kind: 'not_found', objectMissing: false });
    });

    it('answers free/busy of the primary calendar: inserted meetings merged, cancelled ones left out, the seeded ones covered', async () => {
      const day = Date.parse('2031-05-06T00:00:00Z');
      const at = (hours: number) => day + hours * 3600_000;
      await calendar.insertEvent({ ...newEvent(at(9)), end: new Date(at(10)) });
      await calendar.insertEvent({ ...newEvent(at(9.5)), end: new Date(at(10.5)) });
      const cancelled = await calendar.insertEvent({ ...newEvent(at(14)), end: new Date(at(15)) });
      await calendar.cancelEvent(cancelled.id, 'none');
      expect(await calendar.freeBusy(new Date(at(8)), new Date(at(17)), { retries: false })).toEqual([{ start: new Date(at(9)), end: new Date(at(10.5)) }]);

      const live = (await t.sandbox.state()).calendar.eventList.filter((e) => e.status !== 'cancelled');
      const from = Math.min(...live.map((e) => Date.parse(e.start)));
      const to = Math.max(...live.map((e) => Date.parse(e.end)));
      const busy = await calendar.freeBusy(new Date(from), new Date(to));
      for (const event of live) {
        expect(busy.some((period) => period.start.getTime() <= Date.parse(event.start) && period.end.getTime() >= Date.parse(event.end))).toBe(true);
      }
    });

    it('cancels an insert held by latency at once; the event still lands, and inserting it again finds it', async () => {
      const event = newEvent();
      await t.sandbox.fault({ service: 'calendar', kind: 'latency', latency_ms: 2000, route: 'POST /calendar/v3/calendars/:calendarId/events' });
      const started = performance.now();
      await expect(calendar.insertEvent(event, { signal: abortAfter(150), retries: false })).rejects.toMatchObject({ kind: 'transient', reason: 'AbortError' });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(await calendar.getEvent(event.id)).toBeNull();
      await eventually(async () => expect(await calendar.getEvent(event.id)).toMatchObject({ status: 'confirmed' }), 10_000);
      expect(await calendar.insertEvent(event, { retries: false })).toMatchObject({ id: event.id, existed: true });
    });

    it('times a call with a signal out after CONNECTOR_TIMEOUT_MS, as a transient TimeoutError', async () => {
      await t.sandbox.fault({ service: 'calendar', kind: 'latency', latency_ms: 4000, route: 'GET /calendar/v3/calendars/:calendarId/events/:eventId' });
      const started = performance.now();
      const error = await failure(calendar.getEvent('nosuchevent123', { signal: new AbortController().signal, retries: false }));
      expect(error).toMatchObject({ kind: 'transient', reason: 'TimeoutError' });
      expect(performance.now() - started).toBeLessThan(3800);
    });
  });

  itLeaksNoSecrets(watched, 6, {
    service: 'gmail',
    route: 'GET /gmail/v1/users/:userId/drafts',
    call: () => gmail.findDraftsByMessageId('<none@caseyos-demo.test>'),
  });
});
