import type { GmailMessage, MailAddress, MailHeader, MimePart } from './gmail-records';
import { plainMail } from './mail-factory';
import { headerValue, messageIdsIn } from './mime-message';
import type { SandboxWorld } from './sandbox-world';

const HEX = '0123456789abcdef';

export function ourAddress(world: SandboxWorld): MailAddress {
  return { name: world.account.name, email: world.account.email };
}

/** Message-IDs in the style of the sending system: Gmail's for us, the sender's domain for others. */
export function newMessageId(world: SandboxWorld, senderEmail: string): string {
  const token = world.random.chars(24, HEX);
  return senderEmail === world.account.email ? `<CA+${token}@mail.gmail.com>` : `<${token}@${senderEmail.split('@')[1] ?? 'example.com'}>`;
}

/** In-Reply-To/References input for answering `message`. */
export function answering(message: GmailMessage): { messageId: string; references: string[] } {
  return {
    messageId: headerValue(message.payload, 'Message-ID') ?? '',
    references: messageIdsIn(headerValue(message.payload, 'References')),
  };
}

/** Stores a message: seeded ones are part of the initial mailbox, later ones enter its history. */
export function deliver(world: SandboxWorld, payload: MimePart, options: { threadId?: string; labelIds: string[]; at: number; seeded: boolean }): GmailMessage {
  const id = world.mailbox.nextMessageId();
  const message = { id, threadId: options.threadId ?? id, labelIds: options.labelIds, internalDate: options.at, payload };
  return options.seeded ? world.mailbox.seedMessage(message) : world.mailbox.addMessage(message);
}

export interface SendInput {
  to: MailAddress[];
  cc?: MailAddress[];
  bcc?: MailAddress[];
  subject: string;
  text: string;
  /** The message this follows up on; the new one joins its thread. */
  inReplyTo?: GmailMessage;
  at: number;
  seeded?: boolean;
}

export function sendFromUs(world: SandboxWorld, input: SendInput): GmailMessage {
  const from = ourAddress(world);
  const payload = plainMail({
    from,
    to: input.to,
    cc: input.cc,
    bcc: input.bcc,
    subject: input.subject,
    date: input.at,
    messageId: newMessageId(world, from.email),
    replyTo: input.inReplyTo && answering(input.inReplyTo),
    text: input.text,
  });
  return deliver(world, payload, { threadId: input.inReplyTo?.threadId, labelIds: ['SENT'], at: input.at, seeded: input.seeded ?? false });
}

export interface ReceiveInput {
  from: MailAddress;
  cc?: MailAddress[];
  subject: string;
  text: string;
  /** The message of our thread this answers; the reply joins that thread. */
  inReplyTo: GmailMessage;
  /** In-Reply-To/References when they differ from answering `inReplyTo` (e.g. a forward we never saw). */
  threading?: { messageId: string; references: string[] };
  labelIds?: string[];
  at: number;
  extraHeaders?: MailHeader[];
  seeded?: boolean;
}

/** A message from someone else to us, answering a message of one of our threads. */
export function receiveReply(world: SandboxWorld, input: ReceiveInput): GmailMessage {
  const payload = plainMail({
    from: input.from,
    to: [ourAddress(world)],
    cc: input.cc,
    subject: input.subject,
    date: input.at,
    messageId: newMessageId(world, input.from.email),
    replyTo: input.threading ?? answering(input.inReplyTo),
    text: input.text,
    extraHeaders: input.extraHeaders,
  });
  return deliver(world, payload, {
    threadId: input.inReplyTo.threadId,
    labelIds: input.labelIds ?? ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'],
    at: input.at,
    seeded: input.seeded ?? false,
  });
}

/** "Re: subject" unless it already is a reply. */
export function replySubject(subject: string): string {
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

export function quote(message: GmailMessage, text: string, senderLine: string): string {
  const original = text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return `\n\nOn ${headerValue(message.payload, 'Date')}, ${senderLine} wrote:\n${original}`;
}
