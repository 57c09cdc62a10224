import MailComposer from 'nodemailer/lib/mail-composer';
import { bounceMail } from './mail-factory';
import { headerValue, normalizeSubject, parseAddressList, parseRawMessage, plainText, serializeMessage } from './mime-message';

describe('MIME handling', () => {
  it('parses a nodemailer message: encoded words, threading headers, quoted-printable and alternatives', async () => {
    const longLine = `Über ${'lange Zeile '.repeat(20)}Ende`;
    const node = new MailComposer({
      from: '"Müller, Jörg" <joerg@example.com>',
      to: ['a@x.test', 'B <b@y.test>'],
      bcc: 'hidden@z.test',
      subject: 'Re: Angebot für Q3 – Café',
      text: longLine,
      html: `<p>${longLine}</p>`,
      inReplyTo: '<orig@x.test>',
      references: ['<first@x.test>', '<orig@x.test>'],
    }).compile();
    // nodemailer drops Bcc from what it builds unless told to keep it (Gmail needs it in `raw`).
    node.keepBcc = true;
    const message = await parseRawMessage(await node.build());
    expect(message.mimeType).toBe('multipart/alternative');
    expect(headerValue(message, 'subject')).toBe('Re: Angebot für Q3 – Café');
    expect(parseAddressList(headerValue(message, 'From'))).toEqual([{ name: 'Müller, Jörg', email: 'joerg@example.com' }]);
    expect(parseAddressList(headerValue(message, 'To')).map((a) => a.email)).toEqual(['a@x.test', 'b@y.test']);
    expect(headerValue(message, 'Bcc')).toBe('hidden@z.test');
    expect(headerValue(message, 'In-Reply-To')).toBe('<orig@x.test>');
    expect(headerValue(message, 'References')).toBe('<first@x.test> <orig@x.test>');
    expect(message.parts?.map((p) => p.mimeType)).toEqual(['text/plain', 'text/html']);
    expect(plainText(message)).toBe(longLine);
  });

  it('decodes base64 parts', async () => {
    const raw = await new MailComposer({ subject: 'x', text: 'ünïcödé everywhere', textEncoding: 'base64' }).compile().build();
    expect(raw.toString()).toContain('Content-Transfer-Encoding: base64');
    expect(plainText(await parseRawMessage(raw))).toBe('ünïcödé everywhere');
  });

  it('serializes the sandbox’s own multipart messages so they parse back the same', async () => {
    const bounce = bounceMail({
      to: { name: 'Riley', email: 'founder@caseyos-demo.test' },
      failedRecipient: 'gone@x.test',
      date: Date.UTC(2025, 0, 2),
      messageId: '<dsn@mx.test>',
      original: { messageId: '<m@x>', references: [], subject: 'Hi', from: 'founder@caseyos-demo.test', date: 'Thu, 02 Jan 2025 00:00:00 +0000' },
      boundary: 'b0undary',
    });
    const parsed = await parseRawMessage(Buffer.from(serializeMessage(bounce)));
    expect(parsed.mimeType).toBe('multipart/report');
    expect(parsed.parts?.map((p) => p.mimeType)).toEqual(['text/plain', 'message/delivery-status', 'text/rfc822-headers']);
    expect(parsed.parts?.[1].text).toContain('Final-Recipient: rfc822; gone@x.test');
  });

  it('keeps header values as written, names spelled as sent, decoding only what the client encoded', async () => {
    const raw = [
      'From: =?UTF-8?Q?M=C3=BCller=2C_J=C3=B6rg?= <joerg@example.com>',
      'To: a@x.test, B <b@y.test>',
      'X-CaseyOS-Execution: exec-1',
      'In-Reply-To: orig@x.test',
      'Subject: plain',
      ' folded',
      '',
      'Hi',
    ].join('\r\n');
    const message = await parseRawMessage(Buffer.from(raw));
    expect(message.headers).toEqual([
      { name: 'From', value: '"Müller, Jörg" <joerg@example.com>' },
      { name: 'To', value: 'a@x.test, B <b@y.test>' },
      { name: 'X-CaseyOS-Execution', value: 'exec-1' },
      { name: 'In-Reply-To', value: 'orig@x.test' },
      { name: 'Subject', value: 'plain folded' },
    ]);
    expect(message).toMatchObject({ mimeType: 'text/plain', text: 'Hi' });
  });

  it('lays out text, HTML and attachments as nodemailer writes them', async () => {
    const raw = await new MailComposer({ subject: 'x', text: 'hi\r\n\r\n', html: '<b>hi</b>', attachments: [{ filename: 'notes.txt', content: 'file body' }] })
      .compile()
      .build();
    const message = await parseRawMessage(raw);
    expect(message.mimeType).toBe('multipart/mixed');
    expect(message.parts?.map((p) => p.mimeType)).toEqual(['multipart/alternative', 'text/plain']);
    expect(message.parts?.[0].parts?.map((p) => [p.mimeType, p.text])).toEqual([
      ['text/plain', 'hi'],
      ['text/html', '<b>hi</b>'],
    ]);
    expect(message.parts?.[1]).toMatchObject({ filename: 'notes.txt', text: 'file body' });
  });

  it('finds no headers in a message without a header block', async () => {
    expect((await parseRawMessage(Buffer.from('just some words'))).headers).toEqual([]);
  });

  it('lists the addresses of a header value, groups flattened, words without an address left out', () => {
    expect(parseAddressList('Ana Diaz <Ana@X.test>, "Lee, Bo" <bo@x.test>, team: c@x.test, d@x.test;, nobody')).toEqual([
      { name: 'Ana Diaz', email: 'ana@x.test' },
      { name: 'Lee, Bo', email: 'bo@x.test' },
      { name: '', email: 'c@x.test' },
      { name: '', email: 'd@x.test' },
    ]);
    expect(parseAddressList(undefined)).toEqual([]);
  });

  it('normalizes reply and forward prefixes for thread matching', () => {
    expect(normalizeSubject('Re: Fwd: RE: Pricing')).toBe('pricing');
    expect(normalizeSubject('Pricing re: terms')).toBe('pricing re: terms');
  });
});
