import type { GmailMessageMetadata } from '../../connectors/google/gmail-message-metadata';
import { classifyInbound } from './reply-detection';

const us = ['founder@caseyos-demo.test', 'hello@caseyos-demo.test'];
const addr = (address: string, name = '') => ({ address, name });
let n = 0;
const message = (overrides: Partial<GmailMessageMetadata>): GmailMessageMetadata => ({
  id: `m${++n}`,
  threadId: 't1',
  labelIds: ['INBOX'],
  internalDate: new Date(),
  messageId: `<m${n}@mail.test>`,
  inReplyTo: null,
  references: [],
  from: null,
  to: [],
  cc: [],
  bcc: [],
  subject: 'Re: CaseyOS pilot',
  autoSubmitted: null,
  contentType: 'text/plain',
  snippet: null,
  ...overrides,
});

const ours = message({
  labelIds: ['SENT'],
  messageId: '<ours@caseyos-demo.test>',
  from: addr(us[0]),
  to: [addr('priya@northwind.test', 'Priya')],
  bcc: [addr('board@investor.test')],
  subject: 'CaseyOS pilot',
});
const answering = { inReplyTo: '<ours@caseyos-demo.test>', references: ['<ours@caseyos-demo.test>'] };

describe('classifyInbound', () => {
  it('a recipient answering our message is a reply', () => {
    const reply = message({ ...answering, from: addr('priya@northwind.test', 'Priya Raman') });
    expect(classifyInbound(reply, [ours, reply], us)).toEqual({
      kind: 'reply',
      contactEmail: 'priya@northwind.test',
      contactName: 'Priya Raman',
      reason: 'answers our message',
      answers: ours.messageId,
    });
  });

  it("a Bcc'd recipient's answer counts", () => {
    const reply = message({ ...answering, from: addr('board@investor.test') });
    expect(classifyInbound(reply, [ours, reply], us)?.reason).toBe("answers our message (was Bcc'd)");
  });

  it('a forwarded answer from a third party counts', () => {
    const reply = message({
      inReplyTo: '<fwd@northwind.test>',
      references: ['<ours@caseyos-demo.test>', '<fwd@northwind.test>'],
      from: addr('cto@northwind.test'),
    });
    expect(classifyInbound(reply, [ours, reply], us)).toMatchObject({
      kind: 'reply',
      contactEmail: 'cto@northwind.test',
      reason: 'forwarded answer from a third party',
    });
  });

  it('an out-of-office answer is an auto-reply, by header or by subject', () => {
    const byHeader = message({ ...answering, from: addr('priya@northwind.test'), autoSubmitted: 'auto-replied' });
    const bySubject = message({ ...answering, from: addr('priya@northwind.test'), subject: 'Out of Office: back Monday' });
    expect(classifyInbound(byHeader, [ours, byHeader], us)?.kind).toBe('auto_reply');
    expect(classifyInbound(bySubject, [ours, bySubject], us)?.kind).toBe('auto_reply');
  });

  it('a delivery status notification is a bounce about the address that bounced', () => {
    const bounce = message({ ...answering, from: addr('mailer-daemon@googlemail.com'), contentType: 'multipart/report; report-type=delivery-status' });
    expect(classifyInbound(bounce, [ours, bounce], us)).toMatchObject({ kind: 'bounce', contactEmail: 'priya@northwind.test' });
  });

  it('ignores our own messages, messages in threads we did not write to, and mail that answers nothing of ours', () => {
    const mine = message({ ...answering, labelIds: ['SENT'], from: addr(us[1]) });
    const stranger = message({ from: addr('news@vendor.test'), threadId: 't2' });
    const unrelated = message({ inReplyTo: '<other@elsewhere.test>', from: addr('priya@northwind.test') });
    expect(classifyInbound(mine, [ours, mine], us)).toBeNull();
    expect(classifyInbound(stranger, [stranger], us)).toBeNull();
    expect(classifyInbound(unrelated, [ours, unrelated], us)).toBeNull();
  });
});
