import type { gmail_v1 } from '@googleapis/gmail';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { RunningSandbox } from '../sandbox-app';
import { connectGoogle, control, gmailApi, startTestSandbox } from '../testing/sandbox-test-kit';

const CONTACT = 'Avery Abernathy <avery.abernathy@brightline-analytics.test>';

function header(message: gmail_v1.Schema$Message, name: string): string | undefined {
  return message.payload?.headers?.find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value ?? undefined;
}

describe('POST /_sandbox/gmail/replies', () => {
  let sandbox: RunningSandbox;
  let gmail: gmail_v1.Gmail;
  let sequence = 0;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    gmail = gmailApi(sandbox, await connectGoogle(sandbox));
  });

  afterAll(() => sandbox.close());

  /** What an executed move and the person after it do: a draft made through the API, then sent. */
  async function sendDraft(to = CONTACT): Promise<{ rfc822MessageId: string; id: string; threadId: string }> {
    sequence += 1;
    const rfc822MessageId = `<move-${sequence}@caseyos.test>`;
    const raw = await new MailComposer({
      from: 'Riley Morgan <sales@caseyos-demo.test>',
      to,
      subject: 'Pricing for Brightline',
      text: 'Shall we find a time?',
      messageId: rfc822MessageId,
    })
      .compile()
      .build();
    const draft = await gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw.toString('base64url') } } });
    const sent = await gmail.users.drafts.send({ userId: 'me', requestBody: { id: draft.data.id ?? '' } });
    return { rfc822MessageId, id: sent.data.id ?? '', threadId: sent.data.threadId ?? '' };
  }

  const reply = (body: unknown) => control(sandbox, 'POST', '/_sandbox/gmail/replies', body);
  const metadata = async (id: string) => (await gmail.users.messages.get({ userId: 'me', id, format: 'metadata' })).data;
  const historyId = async () => (await gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';

  it("adds the contact's answer to the thread and to the history, naming the sent message in In-Reply-To and References", async () => {
    const sent = await sendDraft();
    const start = await historyId();
    const created = await reply({ to_message_id: sent.rfc822MessageId, text: "Sounds good, let's talk Tuesday" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      threadId: sent.threadId,
      rfc822MessageId: expect.stringMatching(/^<[0-9a-f]+@brightline-analytics\.test>$/),
      inReplyTo: sent.rfc822MessageId,
      labelIds: ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'],
      historyId: expect.stringMatching(/^\d+$/),
    });

    const message = await metadata(created.body.id);
    expect(header(message, 'From')).toBe(CONTACT);
    expect(header(message, 'To')).toBe('Riley Morgan <sales@caseyos-demo.test>');
    expect(header(message, 'Subject')).toBe('Re: Pricing for Brightline');
    expect(header(message, 'In-Reply-To')).toBe(sent.rfc822MessageId);
    expect(header(message, 'References')).toBe(sent.rfc822MessageId);
    expect(header(message, 'Message-ID')).toBe(created.body.rfc822MessageId);
    // Gmail escapes HTML in snippets, apostrophes included.
    expect(message.snippet).toBe('Sounds good, let&#39;s talk Tuesday');

    const history = (await gmail.users.history.list({ userId: 'me', startHistoryId: start })).data;
    expect(history.history?.flatMap((h) => h.messagesAdded ?? []).map((added) => added.message?.id)).toEqual([created.body.id]);
    expect(history.historyId).toBe(created.body.historyId);
    const thread = (await gmail.users.threads.get({ userId: 'me', id: sent.threadId, format: 'minimal' })).data;
    expect(thread.messages?.map((m) => m.id)).toEqual([sent.id, created.body.id]);
  });

  it('answers our latest message of a thread, from whoever is named, as an out-of-office note when asked', async () => {
    const sent = await sendDraft();
    const created = await reply({ thread_id: sent.threadId, from: 'Bo Lee <bo@brightline-analytics.test>', text: 'I am away until Monday.', auto_reply: true });
    expect(created.status).toBe(201);
    const message = await metadata(created.body.id);
    expect(header(message, 'From')).toBe('Bo Lee <bo@brightline-analytics.test>');
    expect(header(message, 'Subject')).toBe('Out of Office: Pricing for Brightline');
    expect(header(message, 'Auto-Submitted')).toBe('auto-replied');
    expect(header(message, 'In-Reply-To')).toBe(sent.rfc822MessageId);
  });

  it("bounces the sent message to its first recipient as Gmail's mailer-daemon does", async () => {
    const sent = await sendDraft('gone@brightline-analytics.test');
    const created = await reply({ to_message_id: sent.rfc822MessageId.slice(1, -1), bounce: true });
    expect(created.status).toBe(201);
    expect(created.body.labelIds).toEqual(['INBOX', 'UNREAD', 'CATEGORY_UPDATES']);
    const message = await metadata(created.body.id);
    expect(header(message, 'From')).toBe('Mail Delivery Subsystem <mailer-daemon@googlemail.com>');
    expect(header(message, 'Content-Type')).toMatch(/^multipart\/report; .*report-type=delivery-status/);
    expect(header(message, 'X-Failed-Recipients')).toBe('gone@brightline-analytics.test');
    expect(header(message, 'In-Reply-To')).toBe(sent.rfc822MessageId);
    expect(message.threadId).toBe(sent.threadId);
  });

  it('lists every problem of a bad body', async () => {
    expect((await reply([])).body).toEqual({ error: 'invalid request', problems: ['body must be a JSON object'] });
    expect((await reply({})).body.problems).toEqual(['give exactly one of to_message_id and thread_id', 'text must be a non-empty string']);
    const bad = await reply({ to_message_id: 'not an id', thread_id: 't', from: 'nobody', text: 'x', auto_reply: 'yes', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([
      'unknown field colour (known: to_message_id, thread_id, from, text, auto_reply, bounce)',
      'to_message_id must be an RFC 822 Message-ID such as <local@domain>',
      'give exactly one of to_message_id and thread_id',
      'auto_reply must be true or false',
      'from must be one address, e.g. "Ana Diaz <ana@example.com>"',
    ]);
    expect((await reply({ thread_id: 't', auto_reply: true, bounce: true, from: CONTACT, text: 'x' })).body.problems).toEqual([
      'auto_reply and bounce exclude each other',
      'from does not apply to a bounce (the mailer-daemon sends it)',
      'text does not apply to a bounce',
    ]);
  });

  it('refuses to answer what is not there, a draft not sent yet, mail we received, or as one of our own addresses', async () => {
    expect(await reply({ to_message_id: '<nothing@caseyos.test>', text: 'hi' })).toEqual({
      status: 404,
      body: { error: 'not found', message: 'No message with Message-ID <nothing@caseyos.test> in the mailbox' },
    });
    expect((await reply({ thread_id: 'ffffffffffffffff', text: 'hi' })).status).toBe(404);

    const raw = await new MailComposer({ to: CONTACT, subject: 'Unsent', text: 'hi', messageId: '<unsent@caseyos.test>' }).compile().build();
    await gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw.toString('base64url') } } });
    const draft = await reply({ to_message_id: '<unsent@caseyos.test>', text: 'hi' });
    expect(draft).toEqual({ status: 409, body: { error: 'conflict', message: '<unsent@caseyos.test> is still a draft: send it first (users.drafts.send)' } });

    const sent = await sendDraft();
    const answer = await reply({ to_message_id: sent.rfc822MessageId, text: 'Not interested, please remove me' });
    expect((await reply({ to_message_id: answer.body.rfc822MessageId, text: 'hi' })).status).toBe(409);
    expect((await reply({ to_message_id: sent.rfc822MessageId, from: 'founder@caseyos-demo.test', text: 'hi' })).body.problems).toEqual([
      'from must not be one of our own addresses',
    ]);
  });
});
