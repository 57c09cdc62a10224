import type { MailAddress } from '../world/gmail-records';
import { parseAddressList } from '../world/mime-message';

export type ReplyKind = 'reply' | 'auto_reply' | 'bounce';

/** A validated POST /_sandbox/gmail/replies body. */
export interface ReplyRequest {
  /** The message answered: ours, by its RFC 822 Message-ID (with angle brackets), or our latest in a thread. */
  answers: { rfc822MessageId: string } | { threadId: string };
  kind: ReplyKind;
  /** Who answers; absent: the first To of the message answered. Never set for a bounce. */
  from?: MailAddress;
  /** The whole body text (nothing quoted), so the snippet is its start. Absent only for a bounce. */
  text?: string;
}

const FIELDS = ['to_message_id', 'thread_id', 'from', 'text', 'auto_reply', 'bounce'];
const MESSAGE_ID = /^<?([^<>\s@]+@[^<>\s@]+)>?$/;

/** Checks the body, reporting every problem at once. */
export function parseReplyRequest(body: unknown): { request?: ReplyRequest; problems: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problems: ['body must be a JSON object'] };
  const fields = body as Record<string, unknown>;
  const problems = Object.keys(fields)
    .filter((name) => !FIELDS.includes(name))
    .map((name) => `unknown field ${name} (known: ${FIELDS.join(', ')})`);
  const { to_message_id: toMessageId, thread_id: threadId, from, text, auto_reply: autoReply = false, bounce = false } = fields;

  const messageId = typeof toMessageId === 'string' ? MESSAGE_ID.exec(toMessageId.trim())?.[1] : undefined;
  if (toMessageId !== undefined && !messageId) problems.push('to_message_id must be an RFC 822 Message-ID such as <local@domain>');
  if (threadId !== undefined && (typeof threadId !== 'string' || threadId === '')) problems.push('thread_id must be a non-empty string');
  if ((toMessageId === undefined) === (threadId === undefined)) problems.push('give exactly one of to_message_id and thread_id');

  if (typeof autoReply !== 'boolean') problems.push('auto_reply must be true or false');
  if (typeof bounce !== 'boolean') problems.push('bounce must be true or false');
  if (autoReply === true && bounce === true) problems.push('auto_reply and bounce exclude each other');

  const sender = typeof from === 'string' ? parseAddressList(from) : [];
  if (from !== undefined && sender.length !== 1) problems.push('from must be one address, e.g. "Ana Diaz <ana@example.com>"');
  if (bounce === true) {
    if (from !== undefined) problems.push('from does not apply to a bounce (the mailer-daemon sends it)');
    if (text !== undefined) problems.push('text does not apply to a bounce');
  } else if (typeof text !== 'string' || text.trim() === '') {
    problems.push('text must be a non-empty string');
  }

  if (problems.length > 0) return { problems };
  return {
    request: {
      answers: messageId ? { rfc822MessageId: `<${messageId}>` } : { threadId: threadId as string },
      kind: bounce ? 'bounce' : autoReply ? 'auto_reply' : 'reply',
      ...(sender[0] ? { from: sender[0] } : {}),
      ...(typeof text === 'string' ? { text } : {}),
    },
    problems,
  };
}
