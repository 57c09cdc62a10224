import type { GmailMessageMetadata } from '../../connectors/google/gmail-message-metadata';

export type InboundKind = 'reply' | 'auto_reply' | 'bounce';

export interface InboundVerdict {
  kind: InboundKind;
  /** Who the signal is about: the replier, or for a bounce the address that bounced. */
  contactEmail: string;
  contactName: string | null;
  /** Why it counts, for the signal payload and the docs. */
  reason: string;
  /** The Message-ID of our message it answers: outcome detection attributes the reply by it. */
  answers: string;
}

const DAEMON = /^(mailer-daemon|postmaster)@/i;
const AUTO_SUBJECT = /^(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|away from)/i;

/**
 * Decides whether a new message is a reply to us. It must not be ours (the SENT label or one of
 * our addresses), and it must answer one of our messages in the thread: its In-Reply-To or
 * References name a Message-ID we sent. That holds for a forward from a third party and for an
 * answer from someone we Bcc'd, so both count. Auto-replies and bounces are told apart first.
 */
export function classifyInbound(message: GmailMessageMetadata, thread: GmailMessageMetadata[], ourAddresses: string[]): InboundVerdict | null {
  const ours = new Set(ourAddresses.map((address) => address.toLowerCase()));
  const from = message.from;
  if (!from || message.labelIds.includes('SENT') || ours.has(from.address)) return null;
  const sentByUs = thread.filter(
    (candidate) => candidate.id !== message.id && (candidate.labelIds.includes('SENT') || (candidate.from && ours.has(candidate.from.address))),
  );
  const ourIds = new Set(sentByUs.map((sent) => sent.messageId).filter((id): id is string => !!id));
  const answered = [message.inReplyTo, ...message.references].filter((id): id is string => !!id).find((id) => ourIds.has(id));
  if (!answered) return null;
  const original = sentByUs.find((sent) => sent.messageId === answered)!;

  if (DAEMON.test(from.address) || /multipart\/report/i.test(message.contentType ?? '')) {
    const bounced = original.to[0] ?? original.cc[0] ?? original.bcc[0];
    return bounced
      ? { kind: 'bounce', contactEmail: bounced.address, contactName: bounced.name || null, reason: 'delivery status notification', answers: answered }
      : null;
  }
  const autoSubmitted = message.autoSubmitted?.toLowerCase();
  if ((autoSubmitted && autoSubmitted !== 'no') || AUTO_SUBJECT.test(message.subject ?? '')) {
    return {
      kind: 'auto_reply',
      contactEmail: from.address,
      contactName: from.name || null,
      reason: autoSubmitted ? `Auto-Submitted: ${autoSubmitted}` : 'out-of-office subject',
      answers: answered,
    };
  }
  const recipients = new Set([...original.to, ...original.cc].map((address) => address.address));
  const bccd = original.bcc.some((address) => address.address === from.address);
  const reason = recipients.has(from.address) ? 'answers our message' : bccd ? "answers our message (was Bcc'd)" : 'forwarded answer from a third party';
  return { kind: 'reply', contactEmail: from.address, contactName: from.name || null, reason, answers: answered };
}
