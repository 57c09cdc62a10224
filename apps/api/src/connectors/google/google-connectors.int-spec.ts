import type { ConnectedTestApp } from '../../testing/connected-test-app';
import { eventually } from '../../testing/test-app';
import { itLeaksNoSecrets, watchConnectedApp } from '../../testing/watched-connected-app';
import { ConnectorAuthError, ConnectorTransientError } from '../errors/connector-errors';
import { IntegrationsService } from '../oauth/integrations.service';
import { CALENDAR_SYNC_CURSOR, CalendarConnector } from './calendar.connector';
import { GMAIL_HISTORY_CURSOR, GmailConnector } from './gmail.connector';

describe('GmailConnector and CalendarConnector against the sandbox', () => {
  let t: ConnectedTestApp;
  let gmail: GmailConnector;
  let calendar: CalendarConnector;
  let integrations: IntegrationsService;
  // Every log line of the run, at debug level, is checked for secrets at the end.
  const watched = watchConnectedApp({ CALENDAR_SEND_UPDATES: 'externalOnly', CONNECTOR_RETRY_BASE_MS: '20' });

  beforeAll(() => {
    t = watched().app;
    gmail = t.app.get(GmailConnector);
    calendar = t.app.get(CalendarConnector);
    integrations = t.app.get(IntegrationsService);
  });

  const googleTokens = async () => (await integrations.tokens('google'))!;
  const refreshes = async () => (await t.sandbox.state()).google.oauth.refreshGrantsServed;
  /** A call to the sandbox's Google API as the person using Gmail or Calendar, not through a connector. */
  const asThePerson = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${t.sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${(await googleTokens()).accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
    return response.json();
  };
  /** Saves the mailbox's current history id as a finished sync would: the next sync is incremental. */
  const gmailSynced = async () => {
    const { historyId } = (await t.sandbox.state()).gmail;
    await gmail.saveHistoryCursor(historyId);
    return historyId;
  };
  /** Saves a sync token as a finished calendar sync would: the next listing is incremental. */
  const calendarSynced = async () => {
    const { nextSyncToken } = await calendar.listChanges();
    await calendar.saveSyncToken(nextSyncToken);
    return nextSyncToken;
  };
  const newReply = async () => {
    const { generated } = await t.sandbox.tick(['email_reply']);
    return { id: generated[0].messageIds![0], threadId: generated[0].threadId! };
  };

  describe('Gmail', () => {
    it("lists recent mail when it has no cursor, and starts at the mailbox's current history id", async () => {
      await t.reconnect('google'); // a new connection has no sync cursors
      const batch = await gmail.syncHistory();
      expect(batch.fullSync).toBe(true);
      expect(batch.messageIds.length).toBeGreaterThan(0);
      expect(batch.cursor).toBe((await t.sandbox.state()).gmail.historyId);
      await gmail.saveHistoryCursor(batch.cursor);
      expect(await integrations.cursor('google', GMAIL_HISTORY_CURSOR)).toBe(batch.cursor);
      expect((await t.integration('google')).last_sync_at).not.toBeNull();
    });

    it('syncs incrementally from the saved history id: a new reply shows up', async () => {
      const before = await gmailSynced();
      const reply = await newReply();
      const batch = await gmail.syncHistory();
      expect(batch).toMatchObject({ fullSync: false, messageIds: [reply.id] });
      expect(Number(batch.cursor)).toBeGreaterThan(Number(before));
      await gmail.saveHistoryCursor(batch.cursor);
      expect((await gmail.syncHistory()).messageIds).toEqual([]);
    });

    it('reads the headers that thread and attribute a reply', async () => {
      const reply = await newReply();
      const meta = await gmail.messageMetadata(reply.id);
      const ours = (await gmail.ourAddresses()).map((a) => a.address);
      expect(meta).toMatchObject({
        id: reply.id,
        threadId: reply.threadId,
        messageId: expect.stringMatching(/^<.+@.+>$/),
        inReplyTo: expect.stringMatching(/^<.+>$/),
        from: { address: expect.stringContaining('@') },
        subject: expect.stringMatching(/^Re: /i),
        autoSubmitted: null,
        internalDate: expect.any(Date),
      });
      expect(meta.references).toContain(meta.inReplyTo);
      expect(meta.labelIds).toContain('INBOX');
      expect(meta.to.map((a) => a.address).some((address) => ours.includes(address))).toBe(true);
    });

    it('falls back to a full sync on a stale history id (404) and resets the cursor', async () => {
      await gmailSynced();
      await t.sandbox.fault({ service: 'gmail', kind: 'stale_history_id' });
      const batch = await gmail.syncHistory();
      expect((await t.sandbox.state()).faults.served).toContainEqual(expect.objectContaining({ kind: 'stale_history_id' }));
      expect(batch.fullSync).toBe(true);
      expect(batch.messageIds.length).toBeGreaterThan(0);
      expect(batch.cursor).toBe((await t.sandbox.state()).gmail.historyId);
    });

    it('knows our own addresses (primary first) and keeps them cached', async () => {
      const addresses = await gmail.ourAddresses();
      expect(addresses).toEqual([
        { address: 'founder@caseyos-demo.test', name: expect.any(String), isDefault: true },
        { address: 'sales@caseyos-demo.test', name: expect.any(String), isDefault: false },
      ]);
      await t.sandbox.fault({ service: 'gmail', kind: 'server_error', status: 500 });
      expect(await gmail.ourAddresses()).toEqual(addresses);
      expect((await t.sandbox.state()).faults.pending).toHaveLength(1);
    });

    it('drafts a reply in its thread with In-Reply-To and References, then deletes it', async () => {
      const reply = await gmail.messageMetadata((await newReply()).id);
      const draft = await gmail.createDraft({
        to: reply.from!.address,
        subject: `Re: ${reply.subject}`,
        text: 'Thanks, Tuesday works.',
        html: '<p>Thanks, Tuesday works.</p>',
        inReplyTo: { messageId: reply.messageId!, references: reply.references, threadId: reply.threadId },
      });
      expect(draft.threadId).toBe(reply.threadId);
      const [stored] = (await t.sandbox.state()).gmail.drafts;
      expect(stored).toMatchObject({ id: draft.draftId, threadId: reply.threadId });
      expect(stored.headers).toMatchObject({
        'Message-ID': draft.rfc822MessageId,
        'In-Reply-To': reply.messageId,
        References: [...reply.references, reply.messageId].join(' '),
        To: reply.from!.address,
        Subject: `Re: ${reply.subject}`,
        From: expect.stringContaining('founder@caseyos-demo.test'),
      });
      expect(await gmail.deleteDraft(draft.draftId)).toBe(true);
      expect((await t.sandbox.state()).gmail.drafts).toEqual([]);
      expect(await gmail.deleteDraft(draft.draftId)).toBe(false);
    });

    it('drafts a new message outside any thread', async () => {
      const draft = await gmail.createDraft({ to: ['ana@example.com'], cc: 'ops@example.com', subject: 'Intro', text: 'Hello' });
      const [stored] = (await t.sandbox.state()).gmail.drafts;
      expect(stored.headers).toMatchObject({ To: 'ana@example.com', Cc: 'ops@example.com' });
      expect(stored.headers['In-Reply-To']).toBeUndefined();
      await gmail.deleteDraft(draft.draftId);
    });

    it("sees the contact's answer to a draft the person sent: in its thread, naming the sent message", async () => {
      const draft = await gmail.createDraft({ to: 'Ana Diaz <ana@example.com>', subject: 'Pricing', text: 'Shall we find a time?' });
      await asThePerson('POST', '/gmail/v1/users/me/drafts/send', { id: draft.draftId });
      const cursor = (await t.sandbox.state()).gmail.historyId;
      const answered = await fetch(`${t.sandbox.url}/_sandbox/gmail/replies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to_message_id: draft.rfc822MessageId, text: "Sounds good, let's talk Tuesday" }),
      });
      expect(answered.status).toBe(201);
      const reply = (await answered.json()) as { id: string; threadId: string };

      expect((await gmail.syncHistory(cursor)).messageIds).toEqual([reply.id]);
      const meta = await gmail.messageMetadata(reply.id);
      expect(meta).toMatchObject({
        threadId: draft.threadId,
        from: { address: 'ana@example.com', name: 'Ana Diaz' },
        inReplyTo: draft.rfc822MessageId,
        references: [draft.rfc822MessageId],
        subject: 'Re: Pricing',
        autoSubmitted: null,
        snippet: expect.stringMatching(/^Sounds good, let/),
      });
      expect(meta.labelIds).toEqual(expect.arrayContaining(['INBOX', 'UNREAD']));
      const thread = await gmail.threadMetadata(draft.threadId);
      expect(thread.map((m) => [m.messageId, m.labelIds.includes('SENT')])).toEqual([
        [draft.rfc822MessageId, true],
        [meta.messageId, false],
      ]);
    });
  });

  describe('Calendar', () => {
    const slot = () => {
      const start = new Date(Date.now() + 3 * 86_400_000);
      return { start, end: new Date(start.getTime() + 30 * 60_000) };
    };

    it('inserts an event with attendees (sendUpdates as configured) and deletes it quietly', async () => {
      const before = (await t.sandbox.state()).calendar;
      const event = await calendar.insertEvent({ summary: 'Intro call', description: 'Agenda: pricing', ...slot(), attendees: [{ email: 'Ana@Example.com' }] });
      const after = (await t.sandbox.state()).calendar;
      expect(after.events).toBe(before.events + 1);
      expect(after.notifications.at(-1)).toMatchObject({ eventId: event.id, action: 'created', sendUpdates: 'externalOnly' });

      expect(await calendar.deleteEvent(event.id)).toBe(true);
      const deleted = (await t.sandbox.state()).calendar;
      expect(deleted).toMatchObject({ events: before.events, cancelled: before.cancelled + 1 });
      expect(deleted.notifications.at(-1)).toMatchObject({ eventId: event.id, action: 'cancelled', sendUpdates: 'none' });
      expect(await calendar.deleteEvent(event.id)).toBe(false);
    });

    it("reads an event's times and each attendee's answer, and sees the contact accept", async () => {
      const { start, end } = slot();
      const event = await calendar.insertEvent({ summary: 'Will they come?', start, end, attendees: [{ email: 'Ana@Example.com' }], sendUpdates: 'none' });
      expect(await calendar.getEvent(event.id)).toEqual({
        id: event.id,
        htmlLink: event.htmlLink,
        status: 'confirmed',
        start,
        end,
        attendees: [{ email: 'ana@example.com', responseStatus: 'needsAction', self: false }],
      });
      // Ana accepts: Calendar's events.patch with the attendee list, her answer changed.
      await asThePerson('PATCH', `/calendar/v3/calendars/primary/events/${event.id}`, {
        attendees: [{ email: 'ana@example.com', responseStatus: 'accepted' }],
      });
      expect((await calendar.getEvent(event.id))?.attendees).toEqual([{ email: 'ana@example.com', responseStatus: 'accepted', self: false }]);

      // A seeded meeting lists us too, flagged self.
      const seeded = (await t.sandbox.state()).calendar.eventList.find((e) => e.attendees.includes('founder@caseyos-demo.test'))!;
      const ours = (await calendar.getEvent(seeded.id))?.attendees.find((a) => a.self);
      expect(ours).toMatchObject({ email: 'founder@caseyos-demo.test', responseStatus: expect.stringMatching(/^(needsAction|declined|tentative|accepted)$/) });
      expect(await calendar.deleteEvent(event.id)).toBe(true);
    });

    it('cancels an event and tells the attendees', async () => {
      const event = await calendar.insertEvent({ summary: 'Demo', ...slot(), attendees: [{ email: 'bo@example.com' }], sendUpdates: 'none' });
      expect(await calendar.cancelEvent(event.id, 'all')).toBe(true);
      expect((await t.sandbox.state()).calendar.notifications.at(-1)).toMatchObject({ eventId: event.id, sendUpdates: 'all' });
    });

    it('lists changes: a full sync first, then only what changed since its token', async () => {
      await t.reconnect('google'); // a new connection has no sync cursors
      const full = await calendar.listChanges();
      expect(full.fullSync).toBe(true);
      expect(full.events.length).toBeGreaterThan(0);
      expect(full.nextSyncToken).not.toBe('');
      await calendar.saveSyncToken(full.nextSyncToken);
      expect(await integrations.cursor('google', CALENDAR_SYNC_CURSOR)).toBe(full.nextSyncToken);

      const { generated } = await t.sandbox.tick(['meeting_booked']);
      const changes = await calendar.listChanges();
      expect(changes.fullSync).toBe(false);
      expect(changes.events.map((e) => e.id)).toEqual([generated[0].eventId]);
      expect(changes.events[0]).toMatchObject({
        status: 'confirmed',
        start: expect.any(Date),
        attendees: expect.arrayContaining([expect.objectContaining({ self: true })]),
      });
    });

    it('falls back to a full sync when Google expired the sync token (410)', async () => {
      const token = await calendarSynced();
      await t.sandbox.fault({ service: 'calendar', kind: 'sync_token_expired' });
      const batch = await calendar.listChanges(token);
      expect(batch.fullSync).toBe(true);
      expect(batch.events.length).toBeGreaterThan(0);
      expect(batch.nextSyncToken).not.toBe('');
      expect((await calendar.listChanges(batch.nextSyncToken)).fullSync).toBe(false);
    });
  });

  describe('faults', () => {
    it('refreshes an expired token once and merges what Google sent into the store', async () => {
      await gmailSynced();
      const before = await googleTokens();
      const served = await refreshes();
      await t.sandbox.fault({ service: 'gmail', kind: 'expired_token' });
      expect((await gmail.syncHistory()).fullSync).toBe(false);
      expect(await refreshes()).toBe(served + 1);
      const after = await eventually(async () => {
        const tokens = await googleTokens();
        expect(tokens.accessToken).not.toBe(before.accessToken);
        return tokens;
      });
      // Google's refresh answer carries no refresh token: the stored one stays.
      expect(after.refreshToken).toBe(before.refreshToken);
      expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    });

    it('waits out a 429 as Retry-After asks, then succeeds', async () => {
      await calendarSynced();
      await t.sandbox.fault({ service: 'calendar', kind: 'rate_limit' });
      const started = performance.now();
      expect((await calendar.listChanges()).fullSync).toBe(false);
      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('classifies 5xx as transient: an insert is not repeated, a read is retried', async () => {
      await gmailSynced();
      const events = (await t.sandbox.state()).calendar.events;
      await t.sandbox.fault({ service: 'calendar', kind: 'server_error', status: 503 });
      const error = await calendar
        .insertEvent({ summary: 'Once', start: new Date(), end: new Date(Date.now() + 60_000), attendees: [] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorTransientError);
      expect(error).toMatchObject({ status: 503, reason: 'backendError' });
      expect((await t.sandbox.state()).calendar.events).toBe(events);

      await t.sandbox.fault({ service: 'gmail', kind: 'server_error', status: 500, times: 2 });
      expect((await gmail.syncHistory()).fullSync).toBe(false);
    });

    it('asks for reconnection when Google refuses the refresh (invalid_grant), and stops calling', async () => {
      await calendarSynced();
      await t.sandbox.fault({ service: 'gmail', kind: 'expired_token' });
      await t.sandbox.fault({ service: 'google_oauth', kind: 'expired_token' });
      const error = await gmail.syncHistory().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorAuthError);
      expect(error).toMatchObject({ needsReconnection: true, reason: 'invalid_grant' });
      expect(await t.integration('google')).toMatchObject({ status: 'needs_reconnection', last_error: expect.stringContaining('invalid_grant') });

      const served = (await t.sandbox.state()).faults.served.length;
      const refreshCount = await refreshes();
      await expect(calendar.listChanges()).rejects.toMatchObject({ kind: 'auth', needsReconnection: true });
      expect((await t.sandbox.state()).faults.served).toHaveLength(served);
      expect(await refreshes()).toBe(refreshCount);

      // A new connection starts its syncs afresh.
      await t.reconnect('google');
      await expect(calendar.listChanges()).resolves.toMatchObject({ fullSync: true });
    });
  });

  itLeaksNoSecrets(watched, 6, {
    service: 'gmail',
    route: 'GET /gmail/v1/users/:userId/drafts',
    call: () => gmail.findDraftsByMessageId('<none@caseyos-demo.test>'),
  });
});
