import type { gmail_v1 } from '@googleapis/gmail';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { RunningSandbox } from '../sandbox-app';
import { connectGoogle, control, failure, type GoogleApiFailure, gmailApi, startTestSandbox } from '../testing/sandbox-test-kit';

const METADATA_HEADERS = ['From', 'To', 'Cc', 'Bcc', 'Subject', 'Message-ID', 'In-Reply-To', 'References', 'Auto-Submitted', 'Content-Type'];

function header(message: gmail_v1.Schema$Message, name: string): string | undefined {
  return message.payload?.headers?.find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value ?? undefined;
}

function addresses(value: string | undefined): string[] {
  return [...(value ?? '').matchAll(/[\w.+-]+@[\w.-]+/g)].map((m) => m[0].toLowerCase());
}

describe('Gmail through googleapis', () => {
  let sandbox: RunningSandbox;
  let gmail: gmail_v1.Gmail;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    gmail = gmailApi(sandbox, await connectGoogle(sandbox));
  });

  afterAll(() => sandbox.close());

  const tick = async (events: string[], count = 1) => (await control(sandbox, 'POST', '/_sandbox/tick', { events, count })).body;
  const metadata = async (id: string) => (await gmail.users.messages.get({ userId: 'me', id, format: 'metadata', metadataHeaders: METADATA_HEADERS })).data;
  const byMessageId = async (messageId: string) => (await gmail.users.messages.list({ userId: 'me', q: `rfc822msgid:${messageId}` })).data.messages ?? [];

  it('reads the profile', async () => {
    const { data } = await gmail.users.getProfile({ userId: 'me' });
    expect(data.emailAddress).toBe('founder@caseyos-demo.test');
    expect(Number(data.historyId)).toBeGreaterThan(100_000);
    expect(data.messagesTotal).toBeGreaterThan(10);
  });

  it('lists messages added since a history id, filtered by type and label, with paging', async () => {
    const start = (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    const reply = await tick(['email_reply']);
    const sent = await tick(['email_sent']);
    const replyId = reply.generated[0].messageIds[0];
    const sentId = sent.generated[0].messageIds[0];

    const all = await gmail.users.history.list({ userId: 'me', startHistoryId: start, historyTypes: ['messageAdded'] });
    const added = (all.data.history ?? []).flatMap((h) => h.messagesAdded ?? []).map((a) => a.message?.id);
    expect(added).toEqual([replyId, sentId]);
    expect(all.data.historyId).toBe(sent.gmailHistoryId);
    expect(Number(all.data.history?.[0].id)).toBeGreaterThan(Number(start));

    const inbox = await gmail.users.history.list({ userId: 'me', startHistoryId: start, historyTypes: ['messageAdded'], labelId: 'INBOX' });
    expect((inbox.data.history ?? []).flatMap((h) => h.messagesAdded ?? []).map((a) => a.message?.labelIds)).toEqual([
      expect.arrayContaining(['INBOX', 'UNREAD']),
    ]);

    const first = await gmail.users.history.list({ userId: 'me', startHistoryId: start, maxResults: 1 });
    expect(first.data.history).toHaveLength(1);
    const second = await gmail.users.history.list({ userId: 'me', startHistoryId: start, maxResults: 1, pageToken: first.data.nextPageToken ?? '' });
    expect(second.data.history?.[0].messages?.[0].id).toBe(sentId);
    expect(second.data.nextPageToken).toBeUndefined();

    const nothingNew = await gmail.users.history.list({ userId: 'me', startHistoryId: all.data.historyId ?? '' });
    expect(nothingNew.data.history).toBeUndefined();
  });

  it("answers a stale_history_id fault with Gmail's 404, once", async () => {
    const start = (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'gmail', kind: 'stale_history_id' });
    const error = await failure<GoogleApiFailure>(gmail.users.history.list({ userId: 'me', startHistoryId: start }));
    expect(error.status).toBe(404);
    expect(error.response?.data).toEqual({
      error: {
        code: 404,
        message: 'Requested entity was not found.',
        errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
        status: 'NOT_FOUND',
      },
    });
    await expect(gmail.users.history.list({ userId: 'me', startHistoryId: start })).resolves.toMatchObject({ status: 200 });
  });

  it('leaves the history id out of the next answer that carries one on a missing_sync_cursor fault, once', async () => {
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'gmail', kind: 'missing_sync_cursor', times: 2 });
    // An answer without a history id (a message list) passes the fault by.
    await gmail.users.messages.list({ userId: 'me', maxResults: 1 });
    const profile = (await gmail.users.getProfile({ userId: 'me' })).data;
    expect(profile.emailAddress).toBe('founder@caseyos-demo.test');
    expect(profile).not.toHaveProperty('historyId');
    const start = (await control(sandbox, 'GET', '/_sandbox/state')).body.gmail.historyId as string;
    const history = (await gmail.users.history.list({ userId: 'me', startHistoryId: start })).data;
    expect(history).not.toHaveProperty('historyId');
    expect((await gmail.users.history.list({ userId: 'me', startHistoryId: start })).data.historyId).toBe(start);
    const served = (await control(sandbox, 'GET', '/_sandbox/faults')).body.served;
    expect(served.slice(-2).map((entry: { route: string }) => entry.route)).toEqual([
      'GET /gmail/v1/users/:userId/profile',
      'GET /gmail/v1/users/:userId/history',
    ]);
  });

  it('404s a start id older than the retained history', async () => {
    const start = (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    await control(sandbox, 'PATCH', '/_sandbox/settings', { gmailHistoryRetention: 2 });
    await tick(['email_sent'], 3);
    expect((await failure<GoogleApiFailure>(gmail.users.history.list({ userId: 'me', startHistoryId: start }))).status).toBe(404);
    await control(sandbox, 'PATCH', '/_sandbox/settings', { gmailHistoryRetention: 500 });
  });

  it('shows the headers that tell a bounce, an auto-reply, a forwarded reply and a Bcc reply apart', async () => {
    const { generated } = await tick(['email_bounce', 'email_auto_reply', 'email_forwarded_reply', 'email_bcc_reply']);
    const [bounce, autoReply, forwarded, bccReply] = generated;

    const dsn = await metadata(bounce.messageIds[1]);
    expect(header(dsn, 'From')).toContain('mailer-daemon@googlemail.com');
    expect(header(dsn, 'Content-Type')).toMatch(/^multipart\/report;.*report-type=delivery-status/);
    expect(header(dsn, 'Auto-Submitted')).toBe('auto-replied');
    expect(dsn.labelIds).toContain('INBOX');
    const followUp = await metadata(bounce.messageIds[0]);
    expect(header(dsn, 'In-Reply-To')).toBe(header(followUp, 'Message-ID'));
    expect(followUp.labelIds).toEqual(['SENT']);
    const full = (await gmail.users.messages.get({ userId: 'me', id: bounce.messageIds[1] })).data;
    expect(full.payload?.parts?.map((p) => p.mimeType)).toEqual(['text/plain', 'message/delivery-status', 'text/rfc822-headers']);
    const status = Buffer.from(full.payload?.parts?.[1].body?.data ?? '', 'base64url').toString();
    expect(status).toContain('Status: 5.1.1');

    const ooo = await metadata(autoReply.messageIds[0]);
    expect(header(ooo, 'Auto-Submitted')).toBe('auto-replied');
    expect(header(ooo, 'Subject')).toMatch(/^Out of Office/);
    expect(ooo.threadId).toBe(autoReply.threadId);

    // A colleague answers a forward we never saw: References names our message, In-Reply-To does not.
    const fwd = await metadata(forwarded.messageIds[0]);
    const ourIds = (header(fwd, 'References') ?? '').split(/\s+/);
    const original = (await byMessageId(ourIds[ourIds.length - 2]))[0];
    const originalMeta = await metadata(original.id ?? '');
    expect(originalMeta.labelIds).toContain('SENT');
    expect(await byMessageId(header(fwd, 'In-Reply-To') ?? '')).toEqual([]);
    const onThread = ['To', 'Cc', 'Bcc'].flatMap((h) => addresses(header(originalMeta, h)));
    expect(onThread).not.toContain(addresses(header(fwd, 'From'))[0]);
    expect(fwd.threadId).toBe(original.threadId);

    const fromBcc = await metadata(bccReply.messageIds[bccReply.messageIds.length - 1]);
    const answered = await metadata((await byMessageId(header(fromBcc, 'In-Reply-To') ?? ''))[0].id ?? '');
    expect(addresses(header(answered, 'Bcc'))).toContain(addresses(header(fromBcc, 'From'))[0]);
    expect(addresses(header(answered, 'To'))).not.toContain(addresses(header(fromBcc, 'From'))[0]);
    expect(header(fromBcc, 'Bcc')).toBeUndefined();
  });

  it('lists messages and threads with a query and stable paging', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await gmail.users.messages.list({ userId: 'me', q: 'newer_than:30d', maxResults: 5, pageToken });
      seen.push(...(data.messages ?? []).map((m) => m.id ?? ''));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    const profile = (await gmail.users.getProfile({ userId: 'me' })).data;
    expect(seen).toHaveLength(profile.messagesTotal ?? 0);
    expect(new Set(seen).size).toBe(seen.length);

    const sent = await gmail.users.messages.list({ userId: 'me', q: 'in:sent', maxResults: 500 });
    for (const m of (sent.data.messages ?? []).slice(0, 3)) expect((await metadata(m.id ?? '')).labelIds).toContain('SENT');

    const threads = await gmail.users.threads.list({ userId: 'me', q: 'in:inbox', maxResults: 3 });
    expect(threads.data.threads?.length).toBe(3);
    const thread = await gmail.users.threads.get({ userId: 'me', id: threads.data.threads?.[0].id ?? '', format: 'metadata', metadataHeaders: ['Subject'] });
    expect(thread.data.messages?.length).toBeGreaterThan(1);
    expect(thread.data.messages?.[0].payload?.headers?.map((h) => h.name)).toEqual(['Subject']);
  });

  it('lists our send-as addresses', async () => {
    const { data } = await gmail.users.settings.sendAs.list({ userId: 'me' });
    expect(data.sendAs?.map((s) => [s.sendAsEmail, s.isPrimary])).toEqual([
      ['founder@caseyos-demo.test', true],
      ['sales@caseyos-demo.test', false],
    ]);
  });

  it('creates a threaded draft from a nodemailer RFC 2822 message, keeps its headers, and deletes it', async () => {
    const threads = await gmail.users.threads.list({ userId: 'me', q: 'in:inbox -subject:"Out of Office" -from:mailer-daemon' });
    const threadId = threads.data.threads?.[0].id ?? '';
    const messages = (await gmail.users.threads.get({ userId: 'me', id: threadId, format: 'metadata', metadataHeaders: METADATA_HEADERS })).data.messages ?? [];
    const last = messages[messages.length - 1];
    const inReplyTo = header(last, 'Message-ID') ?? '';
    const references = [...(header(last, 'References') ?? '').split(/\s+/).filter(Boolean), inReplyTo];
    const subject = `Re: ${(header(last, 'Subject') ?? '').replace(/^(re:\s*)+/i, '')}`;
    const mail = new MailComposer({
      from: 'Riley Morgan <founder@caseyos-demo.test>',
      to: header(last, 'From'),
      bcc: 'jordan@caseyos-demo.test',
      subject,
      text: 'Thanks – the order form is attached. Café at 10?',
      inReplyTo,
      references,
    }).compile();
    mail.keepBcc = true;
    const raw = await mail.build();
    const start = (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';

    const created = await gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw.toString('base64url'), threadId } } });
    expect(created.data.message).toMatchObject({ threadId, labelIds: ['DRAFT'] });
    const draftId = created.data.id ?? '';

    const state = (await control(sandbox, 'GET', '/_sandbox/state')).body;
    const stored = state.gmail.drafts.find((d: { id: string }) => d.id === draftId);
    expect(stored.headers['In-Reply-To']).toBe(inReplyTo);
    expect(stored.headers.References).toBe(references.join(' '));
    expect(stored.headers.Subject).toBe(subject);
    expect(stored.headers.Bcc).toBe('jordan@caseyos-demo.test');

    const fetched = await gmail.users.drafts.get({ userId: 'me', id: draftId, format: 'full' });
    expect(header(fetched.data.message ?? {}, 'In-Reply-To')).toBe(inReplyTo);
    expect(Buffer.from(fetched.data.message?.payload?.body?.data ?? '', 'base64url').toString()).toContain('Café at 10?');

    const deleted = await gmail.users.drafts.delete({ userId: 'me', id: draftId });
    expect(deleted.status).toBe(204);
    expect((await failure<GoogleApiFailure>(gmail.users.drafts.get({ userId: 'me', id: draftId }))).status).toBe(404);

    const history = (await gmail.users.history.list({ userId: 'me', startHistoryId: start })).data.history ?? [];
    expect(history.map((h) => Object.keys(h).find((k) => k !== 'id' && k !== 'messages'))).toEqual(['messagesAdded', 'messagesDeleted']);
  });

  it('sends a draft: the draft is gone, its message is filed as sent under the same Message-ID', async () => {
    const raw = await new MailComposer({ to: 'x@example.com', subject: 'Sent from the sandbox', text: 'hi', messageId: '<sent-draft@caseyos.test>' })
      .compile()
      .build();
    const created = await gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw.toString('base64url') } } });
    const sent = await gmail.users.drafts.send({ userId: 'me', requestBody: { id: created.data.id ?? '' } });
    expect(sent.data.labelIds).toEqual(['SENT']);
    expect((await failure<GoogleApiFailure>(gmail.users.drafts.get({ userId: 'me', id: created.data.id ?? '' }))).status).toBe(404);
    const found = await gmail.users.messages.list({ userId: 'me', q: 'rfc822msgid:sent-draft@caseyos.test in:sent' });
    expect(found.data.messages?.map((m) => m.id)).toEqual([sent.data.id]);
    expect((await failure<GoogleApiFailure>(gmail.users.drafts.send({ userId: 'me', requestBody: { id: created.data.id ?? '' } }))).status).toBe(404);
  });

  it('starts a new thread for a draft whose subject does not match, and 404s an unknown thread', async () => {
    const threadId = (await gmail.users.threads.list({ userId: 'me', q: 'in:sent' })).data.threads?.[0].id ?? '';
    const last = (await gmail.users.threads.get({ userId: 'me', id: threadId, format: 'metadata' })).data.messages?.[0] ?? {};
    const raw = await new MailComposer({ to: 'x@example.com', subject: 'Something else entirely', text: 'hi', inReplyTo: header(last, 'Message-ID') })
      .compile()
      .build();
    const created = await gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw.toString('base64url'), threadId } } });
    expect(created.data.message?.threadId).not.toBe(threadId);

    const unknown = gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw.toString('base64url'), threadId: 'ffffffffffffffff' } } });
    expect((await failure<GoogleApiFailure>(unknown)).status).toBe(404);
  });

  it('finds drafts by their Message-ID (with or without angle brackets) and pages them newest first', async () => {
    const createDraft = async (subject: string) => {
      const node = new MailComposer({ to: 'ana@example.com', subject, text: 'hi', headers: { 'X-Caseyos-Marker': `exec-${subject}` } }).compile();
      const raw = await node.build();
      const { data } = await gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw.toString('base64url') } } });
      return { id: data.id ?? '', messageId: node.messageId() };
    };
    const first = await createDraft('one');
    const second = await createDraft('two');

    const byMessageId = async (q: string) => (await gmail.users.drafts.list({ userId: 'me', q })).data;
    expect((await byMessageId(`rfc822msgid:${second.messageId}`)).drafts?.map((d) => d.id)).toEqual([second.id]);
    expect((await byMessageId(`rfc822msgid:${first.messageId.replace(/[<>]/g, '')}`)).drafts?.map((d) => d.id)).toEqual([first.id]);
    expect(await byMessageId('rfc822msgid:<nobody@nowhere.example>')).toEqual({ resultSizeEstimate: 0 });

    const all = (await gmail.users.drafts.list({ userId: 'me' })).data;
    const firstPage = (await gmail.users.drafts.list({ userId: 'me', maxResults: 1 })).data;
    expect(firstPage.drafts).toHaveLength(1);
    expect(firstPage.resultSizeEstimate).toBe(all.drafts?.length);
    const secondPage = (await gmail.users.drafts.list({ userId: 'me', maxResults: 1, pageToken: firstPage.nextPageToken ?? '' })).data;
    expect([firstPage.drafts?.[0].id, secondPage.drafts?.[0].id]).toEqual(all.drafts?.slice(0, 2).map((d) => d.id));

    const stored = (await control(sandbox, 'GET', '/_sandbox/state')).body.gmail.drafts.find((d: { id: string }) => d.id === first.id);
    expect(stored.headers).toMatchObject({ 'Message-ID': first.messageId, 'X-Caseyos-Marker': 'exec-one' });
    await Promise.all([first, second].map((d) => gmail.users.drafts.delete({ userId: 'me', id: d.id })));
  });

  it('lets googleapis retry a 5xx on GET by default; with retry disabled the 503 surfaces', async () => {
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'gmail', kind: 'server_error', status: 503 });
    await expect(gmail.users.getProfile({ userId: 'me' })).resolves.toMatchObject({ status: 200 });
    const served = (await control(sandbox, 'GET', '/_sandbox/faults')).body.served;
    expect(served[served.length - 1]).toMatchObject({ service: 'gmail', kind: 'server_error' });

    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'gmail', kind: 'server_error', status: 503 });
    const noRetry = gmailApi(sandbox, await connectGoogle(sandbox), { retry: false });
    const error = await failure<GoogleApiFailure>(noRetry.users.getProfile({ userId: 'me' }));
    expect(error.status).toBe(503);
    expect(error.response?.data).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
  });
});
