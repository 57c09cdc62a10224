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
    const message = parseRawMessage(await node.build());
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
    expect(plainText(parseRawMessage(raw))).toBe('ünïcödé everywhere');
  });

  it('serializes the sandbox’s own multipart messages so they parse back the same', () => {
    const bounce = bounceMail({
      to: { name: 'Riley', email: 'founder@caseyos-demo.test' },
      failedRecipient: 'gone@x.test',
      date: Date.UTC(2025, 0, 2),
      messageId: '<dsn@mx.test>',
      original: { messageId: '<m@x>', references: [], subject: 'Hi', from: 'founder@caseyos-demo.test', date: 'Thu, 02 Jan 2025 00:00:00 +0000' },
      boundary: 'b0undary',
    });
    const parsed = parseRawMessage(Buffer.from(serializeMessage(bounce)));
    expect(parsed.mimeType).toBe('multipart/report');
    expect(parsed.parts?.map((p) => p.mimeType)).toEqual(['text/plain', 'message/delivery-status', 'text/rfc822-headers']);
    expect(parsed.parts?.[1].text).toContain('Final-Recipient: rfc822; gone@x.test');
  });

  it('normalizes reply and forward prefixes for thread matching', () => {
    expect(normalizeSubject('Re: Fwd: RE: Pricing')).toBe('pricing');
    expect(normalizeSubject('Pricing re: terms')).toBe('pricing re: terms');
  });
});
