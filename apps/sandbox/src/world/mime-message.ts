import { type Attachment, type ParsedMail, type SimpleParserOptions, type StructuredHeader, parseAddressHeader, simpleParser } from 'mailparser';
import type { MailAddress, MailHeader, MimePart } from './gmail-records';

/** The first header with this name (case-insensitive), as Gmail's payload.headers lookup. */
export function headerValue(part: MimePart, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return part.headers.find((h) => h.name.toLowerCase() === wanted)?.value;
}

/** Message-IDs listed in a References or In-Reply-To value. */
export function messageIdsIn(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

/** Addresses of a From/To/Cc value such as `Ana Diaz <ana@x.test>, "Lee, Bo" <bo@x.test>`; groups are flattened. */
export function parseAddressList(value: string | undefined): MailAddress[] {
  return parseAddressHeader(value, { flatten: true, decodePunycode: false }).value.flatMap(({ name, address }) =>
    address?.includes('@') ? [{ name, email: address.toLowerCase() }] : [],
  );
}

/** First text/plain content, depth first, as Gmail's snippet is built from. */
export function plainText(part: MimePart): string {
  if (part.mimeType === 'text/plain' && part.text !== undefined) return part.text;
  for (const child of part.parts ?? []) {
    const text = plainText(child);
    if (text) return text;
  }
  return '';
}

/** RFC 2822 date, e.g. "Tue, 03 Jun 2025 14:05:00 +0000". */
export function formatMailDate(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** Subject without reply/forward prefixes; Gmail only threads messages whose subjects match this way. */
export function normalizeSubject(subject: string): string {
  return subject
    .replace(/^(\s*(re|fwd?|aw|wg)\s*:\s*)+/i, '')
    .trim()
    .toLowerCase();
}

// ---- parsing a client's raw message (drafts) ----

const PARSE_OPTIONS: SimpleParserOptions = {
  // The parts as sent: no HTML made from text or text from HTML, no cid: links rewritten.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  keepCidLinks: true,
  // A delivery report's status stays a part of its own, as Gmail shows it.
  keepDeliveryStatus: true,
};

const ENCODED_WORD = /=\?[^?]+\?[BbQq]\?[^?]*\?=/;
const ADDRESS_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'sender']);

/**
 * Parses an RFC 2822 message such as a nodemailer build into the payload Gmail shows for it.
 * mailparser reads it (structure, transfer encodings, charsets, encoded words); two things are
 * done here because what mailparser hands back is not Gmail's shape:
 * - header values stay as written, unfolded: mailparser re-formats address lists (every name
 *   quoted) and Message-IDs. Only a value the client encoded (RFC 2047) takes mailparser's
 *   decoding: the Subject, or the address list with its names quoted, so it still splits into
 *   the same addresses. Encoded words in other headers stay as written (mailparser leaves them).
 * - the part tree is rebuilt: mailparser flattens the body into text, HTML and attachments, so
 *   the parts are laid out as nodemailer writes them: text and HTML as alternatives, then the
 *   attachments in order. Leaves carry their decoded content and a Content-Type only.
 */
export async function parseRawMessage(raw: Buffer): Promise<MimePart> {
  const mail = await simpleParser(raw, PARSE_OPTIONS);
  const headers = mail.headerLines.flatMap(({ key, line }) => headerAsWritten(key, line, mail));
  const contentType = mail.headers.get('content-type') as StructuredHeader | undefined;
  const mimeType = contentType?.value.toLowerCase() ?? 'text/plain';
  const leaves = [...bodyParts(mail, mimeType), ...mail.attachments.map(attachmentPart)];
  if (!mimeType.startsWith('multipart/')) return { ...leaves[0], mimeType, headers, text: leaves[0]?.text ?? '' };
  return { mimeType, headers, parts: leaves };
}

function headerAsWritten(key: string, line: string, mail: ParsedMail): MailHeader[] {
  const colon = line.indexOf(':');
  if (colon <= 0) return []; // a first line that is no header: the message has no header block
  // mailparser hands lines over byte for byte (latin1); 8-bit values are UTF-8 in practice.
  const unfolded = line
    .slice(colon + 1)
    .replace(/\r?\n(?=[ \t])/g, '')
    .trim();
  const written = Buffer.from(unfolded, 'latin1').toString('utf8');
  const name = line.slice(0, colon).trim();
  if (!ENCODED_WORD.test(written)) return [{ name, value: written }];
  if (key === 'subject') return [{ name, value: mail.subject ?? written }];
  if (ADDRESS_HEADERS.has(key)) return [{ name, value: parseAddressHeader(written, { decodePunycode: false }).text }];
  return [{ name, value: written }];
}

function bodyParts(mail: ParsedMail, rootType: string): MimePart[] {
  const text = mail.text ? [leaf('text/plain; charset=utf-8', mail.text)] : [];
  const html = typeof mail.html === 'string' ? [leaf('text/html; charset=utf-8', mail.html)] : [];
  if (text.length === 0 || html.length === 0 || rootType === 'multipart/alternative') return [...text, ...html];
  return [{ mimeType: 'multipart/alternative', headers: [{ name: 'Content-Type', value: 'multipart/alternative' }], parts: [...text, ...html] }];
}

function attachmentPart(attachment: Attachment): MimePart {
  const part = leaf(attachment.contentType, attachment.content.toString('utf8'));
  return attachment.filename ? { ...part, filename: attachment.filename } : part;
}

function leaf(contentType: string, content: string): MimePart {
  return {
    mimeType: contentType.split(';')[0],
    headers: [{ name: 'Content-Type', value: contentType }],
    text: content.replace(/\r\n/g, '\n').replace(/\n+$/, ''),
  };
}

// ---- serializing the sandbox's own messages (format=raw, sizeEstimate) ----

export function serializeMessage(part: MimePart): string {
  const head = part.headers.map((h) => `${h.name}: ${encodeHeaderValue(h.value)}`).join('\r\n');
  if (part.parts) {
    const boundary = /boundary="?([^";]+)"?/i.exec(headerValue(part, 'Content-Type') ?? '')?.[1] ?? 'sandbox-boundary';
    const children = part.parts.map((child) => `--${boundary}\r\n${serializeMessage(child)}`).join('\r\n');
    return `${head}\r\n\r\n${children}\r\n--${boundary}--\r\n`;
  }
  return `${head}\r\n\r\n${(part.text ?? '').replace(/\r?\n/g, '\r\n')}\r\n`;
}

function encodeHeaderValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
