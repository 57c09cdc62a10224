import { composeDraft } from './gmail-draft-composer';
import { readHeaderBlock } from './mime-header-block';

const FROM = { name: 'Riley Morgan', address: 'founder@caseyos-demo.test' };
const SUBJECT = 'Réunion de suivi – prochaines étapes pour le contrat annuel et la facturation trimestrielle';

const rawHeaders = (raw: string) => readHeaderBlock(Buffer.from(raw, 'base64url').toString('utf8').split('\r\n\r\n')[0]);

describe('composeDraft', () => {
  const draft = {
    to: ['ana@example.com', 'Bo Lee <bo@example.com>'],
    subject: SUBJECT,
    text: 'Merci !\nÀ mardi.',
    html: '<p>Merci !</p>',
    messageId: '<7f3a21.caseyos@caseyos-demo.test>',
    headers: { 'X-CaseyOS-Execution': '7f3a21' },
    inReplyTo: { messageId: '<orig@example.com>', references: ['<first@example.com>'], threadId: '18c' },
  };

  it('carries our Message-ID and X- headers as written, and reports exactly the headers of the raw message', async () => {
    const composed = await composeDraft(draft, FROM);
    expect(composed.messageId).toBe('<7f3a21.caseyos@caseyos-demo.test>');
    expect(composed.headers).toMatchObject({
      'Message-ID': '<7f3a21.caseyos@caseyos-demo.test>',
      'X-CaseyOS-Execution': '7f3a21',
      From: 'Riley Morgan <founder@caseyos-demo.test>',
      To: 'ana@example.com, Bo Lee <bo@example.com>',
      Subject: SUBJECT,
      'In-Reply-To': '<orig@example.com>',
      References: '<first@example.com> <orig@example.com>',
    });
    expect(composed.headers).toEqual(rawHeaders(composed.raw));
    // On the wire the subject is encoded and folded; only the reading is decoded.
    expect(Buffer.from(composed.raw, 'base64url').toString('utf8')).toContain('Subject: =?UTF-8?Q?');
  });

  it('composes the same draft to the same message but for its Date', async () => {
    const [first, second] = await Promise.all([composeDraft(draft, FROM), composeDraft(draft, FROM)]);
    const withoutDate = (raw: string) =>
      Buffer.from(raw, 'base64url')
        .toString('utf8')
        .replace(/^Date: .*\r\n/m, '');
    expect(withoutDate(first.raw)).toBe(withoutDate(second.raw));
  });

  it('makes a Message-ID when none is given, and refuses a malformed one or a non-X header', async () => {
    const plain = await composeDraft({ to: 'ana@example.com', subject: 'Hi', text: 'Hello' }, undefined);
    expect(plain.messageId).toMatch(/^<.+@.+>$/);
    expect(plain.headers.From).toBeUndefined();
    await expect(composeDraft({ ...draft, messageId: 'no-brackets@x' }, FROM)).rejects.toThrow('messageId');
    await expect(composeDraft({ ...draft, headers: { Subject: 'override' } }, FROM)).rejects.toThrow('X- headers');
  });
});

describe('readHeaderBlock', () => {
  it('joins folded lines and decodes Q and B encoded words, dropping the folding between them', () => {
    const block = ['Subject: =?UTF-8?Q?Caf=C3=A9_?=', ' =?UTF-8?B?w6AgMTA/?=', 'X-Note: plain', ' text', 'X-Note: second'].join('\r\n');
    expect(readHeaderBlock(block)).toEqual({ Subject: 'Café à 10?', 'X-Note': 'plain text' });
  });
});
