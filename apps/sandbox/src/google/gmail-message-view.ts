import type { GmailMessage, MimePart } from '../world/gmail-records';
import { plainText, serializeMessage } from '../world/mime-message';

export type MessageFormat = 'full' | 'metadata' | 'minimal' | 'raw';

export function parseFormat(value: unknown): MessageFormat | undefined {
  const format = value ?? 'full';
  return ['full', 'metadata', 'minimal', 'raw'].includes(String(format)) ? (format as MessageFormat) : undefined;
}

function rawOf(message: GmailMessage): Buffer {
  return message.raw ? Buffer.from(message.raw, 'base64url') : Buffer.from(serializeMessage(message.payload), 'utf8');
}

/** Gmail's snippet: the start of the plain text, whitespace collapsed, HTML-escaped. */
function snippet(message: GmailMessage): string {
  return plainText(message.payload)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A payload part: part ids "" for the root, "0", "1" for its children, "1.0" below those. */
function partView(part: MimePart, partId: string): Record<string, unknown> {
  const view: Record<string, unknown> = { partId, mimeType: part.mimeType, filename: part.filename ?? '', headers: part.headers };
  if (part.parts) {
    view.body = { size: 0 };
    view.parts = part.parts.map((child, index) => partView(child, partId ? `${partId}.${index}` : String(index)));
  } else {
    const data = Buffer.from(part.text ?? '', 'utf8');
    view.body = { size: data.length, data: data.toString('base64url') };
  }
  return view;
}

/** users.messages.get in one of Gmail's formats; metadata keeps only `metadataHeaders` if given. */
export function messageView(message: GmailMessage, format: MessageFormat, metadataHeaders: string[] = []) {
  const raw = rawOf(message);
  const base = {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds,
    snippet: snippet(message),
    sizeEstimate: raw.length,
    historyId: String(message.historyId),
    internalDate: String(message.internalDate),
  };
  switch (format) {
    case 'minimal':
      return base;
    case 'raw':
      return { ...base, raw: raw.toString('base64url') };
    case 'metadata': {
      const wanted = metadataHeaders.map((h) => h.toLowerCase());
      const headers = wanted.length > 0 ? message.payload.headers.filter((h) => wanted.includes(h.name.toLowerCase())) : message.payload.headers;
      return { ...base, payload: { partId: '', mimeType: message.payload.mimeType, filename: '', headers } };
    }
    default:
      return { ...base, payload: partView(message.payload, '') };
  }
}
