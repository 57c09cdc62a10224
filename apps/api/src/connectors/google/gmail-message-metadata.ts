import type { gmail_v1 } from '@googleapis/gmail';
import addressparser from 'nodemailer/lib/addressparser';

/** The headers messageMetadata asks Gmail for (format=metadata): enough to thread, attribute and classify a reply. */
export const METADATA_HEADERS = ['Message-ID', 'In-Reply-To', 'References', 'From', 'To', 'Cc', 'Bcc', 'Subject', 'Auto-Submitted', 'Content-Type'];

export interface MailAddress {
  name: string;
  /** Lower-cased. */
  address: string;
}

export interface GmailMessageMetadata {
  id: string;
  threadId: string;
  labelIds: string[];
  internalDate: Date | null;
  /** RFC 5322 Message-ID with its angle brackets, as replies quote it. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  subject: string | null;
  /** e.g. auto-replied for out-of-office answers (RFC 3834). */
  autoSubmitted: string | null;
  contentType: string | null;
  /** Gmail's plain-text excerpt of the body: the text a reply classifier reads. Never log it. */
  snippet: string | null;
}

export function toMessageMetadata(message: gmail_v1.Schema$Message): GmailMessageMetadata {
  const headers = message.payload?.headers ?? [];
  const header = (name: string) => headers.find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value?.trim() || null;
  const internal = Number(message.internalDate);
  return {
    id: message.id ?? '',
    threadId: message.threadId ?? '',
    labelIds: message.labelIds ?? [],
    internalDate: Number.isFinite(internal) && internal > 0 ? new Date(internal) : null,
    messageId: header('Message-ID'),
    inReplyTo: header('In-Reply-To'),
    references: header('References')?.match(/<[^>]+>/g) ?? [],
    from: addresses(header('From'))[0] ?? null,
    to: addresses(header('To')),
    cc: addresses(header('Cc')),
    bcc: addresses(header('Bcc')),
    subject: header('Subject'),
    autoSubmitted: header('Auto-Submitted'),
    contentType: header('Content-Type'),
    snippet: message.snippet ? decodeHtmlEntities(message.snippet) : null,
  };
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Gmail HTML-escapes snippets ("let&#39;s"); the reply classifier reads plain text. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

function addresses(value: string | null): MailAddress[] {
  if (!value) return [];
  return addressparser(value, { flatten: true })
    .filter((entry) => !!entry.address)
    .map((entry) => ({ name: entry.name, address: entry.address.toLowerCase() }));
}
