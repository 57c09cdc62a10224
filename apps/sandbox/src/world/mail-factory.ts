import type { MailAddress, MailHeader, MimePart } from './gmail-records';
import { formatMailDate } from './mime-message';

export interface PlainMailInput {
  from: MailAddress;
  to: MailAddress[];
  cc?: MailAddress[];
  /** Only our own sent copies carry Bcc; recipients never see it. */
  bcc?: MailAddress[];
  subject: string;
  date: number;
  messageId: string;
  /** The message this answers; In-Reply-To and References are derived from it. */
  replyTo?: { messageId: string; references: string[] };
  text: string;
  extraHeaders?: MailHeader[];
}

export function formatAddress(address: MailAddress): string {
  return address.name ? `${address.name} <${address.email}>` : address.email;
}

function addressHeader(name: string, addresses: MailAddress[] | undefined): MailHeader[] {
  return addresses && addresses.length > 0 ? [{ name, value: addresses.map(formatAddress).join(', ') }] : [];
}

function threadingHeaders(replyTo: PlainMailInput['replyTo']): MailHeader[] {
  if (!replyTo) return [];
  return [
    { name: 'In-Reply-To', value: replyTo.messageId },
    { name: 'References', value: [...replyTo.references, replyTo.messageId].join(' ') },
  ];
}

/** A single-part text/plain message with the headers Gmail shows for it. */
export function plainMail(input: PlainMailInput): MimePart {
  return {
    mimeType: 'text/plain',
    headers: [
      { name: 'MIME-Version', value: '1.0' },
      { name: 'Date', value: formatMailDate(input.date) },
      { name: 'Message-ID', value: input.messageId },
      ...threadingHeaders(input.replyTo),
      { name: 'Subject', value: input.subject },
      { name: 'From', value: formatAddress(input.from) },
      ...addressHeader('To', input.to),
      ...addressHeader('Cc', input.cc),
      ...addressHeader('Bcc', input.bcc),
      ...(input.extraHeaders ?? []),
      { name: 'Content-Type', value: 'text/plain; charset="UTF-8"' },
    ],
    text: input.text,
  };
}

export interface BounceInput {
  to: MailAddress;
  failedRecipient: string;
  date: number;
  messageId: string;
  original: { messageId: string; references: string[]; subject: string; from: string; date: string };
  boundary: string;
}

/** A delivery status notification as Gmail's mailer-daemon sends it (RFC 3464 multipart/report). */
export function bounceMail(input: BounceInput): MimePart {
  const explanation = [
    `** Address not found **`,
    '',
    `Your message wasn't delivered to ${input.failedRecipient} because the address couldn't be found, or is unable to receive mail.`,
    '',
    'The response from the remote server was:',
    `550 5.1.1 The email account that you tried to reach does not exist.`,
  ].join('\n');
  return {
    mimeType: 'multipart/report',
    headers: [
      { name: 'MIME-Version', value: '1.0' },
      { name: 'Date', value: formatMailDate(input.date) },
      { name: 'Message-ID', value: input.messageId },
      { name: 'In-Reply-To', value: input.original.messageId },
      { name: 'References', value: [...input.original.references, input.original.messageId].join(' ') },
      { name: 'Subject', value: 'Delivery Status Notification (Failure)' },
      { name: 'From', value: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>' },
      { name: 'To', value: formatAddress(input.to) },
      { name: 'Auto-Submitted', value: 'auto-replied' },
      { name: 'X-Failed-Recipients', value: input.failedRecipient },
      { name: 'Content-Type', value: `multipart/report; boundary="${input.boundary}"; report-type=delivery-status` },
    ],
    parts: [
      { mimeType: 'text/plain', headers: [{ name: 'Content-Type', value: 'text/plain; charset="UTF-8"' }], text: explanation },
      {
        mimeType: 'message/delivery-status',
        headers: [{ name: 'Content-Type', value: 'message/delivery-status' }],
        text: [
          'Reporting-MTA: dns; googlemail.com',
          '',
          `Final-Recipient: rfc822; ${input.failedRecipient}`,
          'Action: failed',
          'Status: 5.1.1',
          'Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.',
        ].join('\n'),
      },
      {
        mimeType: 'text/rfc822-headers',
        headers: [{ name: 'Content-Type', value: 'text/rfc822-headers' }],
        text: [
          `Message-ID: ${input.original.messageId}`,
          `Date: ${input.original.date}`,
          `Subject: ${input.original.subject}`,
          `From: ${input.original.from}`,
          `To: ${input.failedRecipient}`,
        ].join('\n'),
      },
    ],
  };
}
