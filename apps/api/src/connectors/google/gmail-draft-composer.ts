import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { readHeaderBlock } from './mime-header-block';

export interface NewGmailDraft {
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Our own RFC 822 Message-ID, `<local@domain>`, to find the draft again by (default: nodemailer makes one). */
  messageId?: string;
  /** Extra headers, `X-` names only (e.g. X-CaseyOS-Execution), written with the spelling given. */
  headers?: Record<string, string>;
  /** Answering a message: its Message-ID and References, and the Gmail thread to file the draft in. */
  inReplyTo?: { messageId: string; references: string[]; threadId: string };
}

export interface ComposedDraft {
  /** base64url RFC 2822 message, as Gmail's `raw` wants it. */
  raw: string;
  /** The Gmail thread to file it in (a reply), if any. */
  threadId?: string;
  /** The text body as written. */
  text: string;
  /** The Message-ID it carries, which replies to it will quote. */
  messageId: string;
  /** Every header of `raw`, unfolded and decoded; Date is the moment of composing. */
  headers: Record<string, string>;
}

const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;
const EXTRA_HEADER_NAME = /^X-[A-Za-z0-9-]+$/;

/** A wrong Message-ID or header name is a bug of the caller, not a provider failure. */
function assertValid(draft: NewGmailDraft): void {
  if (draft.messageId !== undefined && !MESSAGE_ID.test(draft.messageId)) throw new Error(`messageId must look like <local@domain>, got ${draft.messageId}`);
  const bad = Object.keys(draft.headers ?? {}).find((name) => !EXTRA_HEADER_NAME.test(name));
  if (bad) throw new Error(`extra draft headers must be X- headers, got ${bad}`);
}

/**
 * Builds the RFC 2822 message with nodemailer's MailComposer (encoding, folding, multipart/
 * alternative for html). A reply carries In-Reply-To and References, the chain plus the message
 * answered, so every mail client threads it under the original. With our own Message-ID the
 * same draft composes to the same message every time but for its Date.
 */
export async function composeDraft(draft: NewGmailDraft, from: { name: string; address: string } | undefined): Promise<ComposedDraft> {
  assertValid(draft);
  const reply = draft.inReplyTo;
  const references = reply ? [...new Set([...reply.references, reply.messageId])] : undefined;
  const extra = draft.headers ?? {};
  const spelling = new Map(Object.keys(extra).map((name) => [name.toLowerCase(), name]));
  const node = new MailComposer({
    // Without From, Gmail sends the draft as the mailbox owner anyway.
    ...(from ? { from } : {}),
    to: draft.to,
    cc: draft.cc,
    subject: draft.subject,
    text: draft.text,
    html: draft.html,
    headers: extra,
    // nodemailer re-cases names (X-CaseyOS-Execution becomes X-Caseyos-Execution); ours keep theirs.
    normalizeHeaderKey: (key) => spelling.get(key.toLowerCase()) ?? key,
    ...(draft.messageId ? { messageId: draft.messageId, baseBoundary: createHash('sha256').update(draft.messageId).digest('hex').slice(0, 16) } : {}),
    ...(reply ? { inReplyTo: reply.messageId, references } : {}),
  }).compile();
  // buildHeaders() renders the block build() writes next (the Date is fixed when the node is made).
  const headers = readHeaderBlock(node.buildHeaders());
  const message = await node.build();
  return { raw: message.toString('base64url'), messageId: node.messageId(), headers, text: draft.text, ...(reply ? { threadId: reply.threadId } : {}) };
}
