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

/** Addresses of a From/To/Cc value such as `Ana Diaz <ana@x.test>, "Lee, Bo" <bo@x.test>`. */
export function parseAddressList(value: string | undefined): MailAddress[] {
  const entries = value?.match(/(?:"[^"]*"|[^,])+/g) ?? [];
  return entries
    .map((entry) => {
      const angle = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(entry);
      if (angle) return { name: angle[1].replace(/^"|"$/g, ''), email: angle[2].toLowerCase() };
      const bare = entry.trim();
      return bare.includes('@') ? { name: '', email: bare.toLowerCase() } : undefined;
    })
    .filter((a): a is MailAddress => a !== undefined);
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

/**
 * Parses an RFC 2822 message such as a nodemailer build into a MIME tree, decoding
 * encoded-word headers and quoted-printable/base64 bodies.
 */
export function parseRawMessage(raw: Buffer): MimePart {
  return parseEntity(raw.toString('latin1'));
}

function parseEntity(entity: string): MimePart {
  const split = /\r?\n\r?\n/.exec(entity);
  const headerBlock = split ? entity.slice(0, split.index) : entity;
  const body = split ? entity.slice(split.index + split[0].length) : '';
  const headers = parseHeaderBlock(headerBlock);
  const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? 'text/plain; charset=us-ascii';
  const mimeType = contentType.split(';')[0].trim().toLowerCase();
  const params = headerParams(contentType);
  if (mimeType.startsWith('multipart/') && params.boundary) {
    return { mimeType, headers, parts: splitMultipart(body, params.boundary).map(parseEntity) };
  }
  const encoding = (headers.find((h) => h.name.toLowerCase() === 'content-transfer-encoding')?.value ?? '7bit').trim().toLowerCase();
  const filename = headerParams(headers.find((h) => h.name.toLowerCase() === 'content-disposition')?.value ?? '').filename ?? params.name;
  return { mimeType, headers, text: decodeBody(body, encoding, params.charset), ...(filename ? { filename } : {}) };
}

function parseHeaderBlock(block: string): MailHeader[] {
  const unfolded = block.replace(/\r?\n(?=[ \t])/g, '');
  return unfolded
    .split(/\r?\n/)
    .map((line) => /^([^:\s]+):\s?(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      name: m[1],
      value: decodeEncodedWords(Buffer.from(m[2], 'latin1').toString('utf8'), ADDRESS_HEADERS.test(m[1])),
    }));
}

const ADDRESS_HEADERS = /^(from|to|cc|bcc|reply-to|sender)$/i;

function headerParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of value.matchAll(/;\s*([\w-]+)\s*=\s*(?:"([^"]*)"|([^;\s]+))/g)) {
    params[m[1].toLowerCase()] = m[2] ?? m[3];
  }
  return params;
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const segments: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) segments.push(current.join('\r\n'));
      current = line.startsWith(`${delimiter}--`) ? undefined : [];
      if (!current) break;
    } else {
      current?.push(line);
    }
  }
  return segments;
}

function decodeBody(body: string, encoding: string, charset = 'utf-8'): string {
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(body.replace(/=\r?\n/g, ''));
  else bytes = Buffer.from(body, 'latin1');
  return bytes.toString(bufferEncoding(charset)).replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function bufferEncoding(charset: string): BufferEncoding {
  return /^(iso-8859-1|latin1|us-ascii|windows-1252)$/i.test(charset) ? 'latin1' : 'utf8';
}

/**
 * RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=), which nodemailer uses for
 * non-ASCII subjects and names. In address headers a decoded name with a comma or other
 * special is quoted, so the list still splits into the same addresses.
 */
function decodeEncodedWords(value: string, inAddressList = false): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, charset: string, kind: string, text: string) => {
      const bytes = kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text.replace(/_/g, ' '));
      const decoded = bytes.toString(bufferEncoding(charset));
      return inAddressList && /[,;<>@"]/.test(decoded) ? `"${decoded.replace(/"/g, '\\"')}"` : decoded;
    });
}

// ---- serializing the sandbox's own messages (format=raw, sizeEstimate) ----

export function serializeMessage(part: MimePart): string {
  const head = part.headers.map((h) => `${h.name}: ${encodeHeaderValue(h.value)}`).join('\r\n');
  if (part.parts) {
    const boundary = headerParams(headerValue(part, 'Content-Type') ?? '').boundary ?? 'sandbox-boundary';
    const children = part.parts.map((child) => `--${boundary}\r\n${serializeMessage(child)}`).join('\r\n');
    return `${head}\r\n\r\n${children}\r\n--${boundary}--\r\n`;
  }
  return `${head}\r\n\r\n${(part.text ?? '').replace(/\r?\n/g, '\r\n')}\r\n`;
}

function encodeHeaderValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
