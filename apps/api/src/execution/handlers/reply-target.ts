import type { CommandQueueMove } from '@caseyos/contracts';
import type { NewGmailDraft } from '../../connectors/google/gmail-draft-composer';
import type { GmailConnector } from '../../connectors/google/gmail.connector';

/** The message a reply-born move answers: how a draft threads under it, and what it said. */
export interface ReplyTarget {
  inReplyTo: NonNullable<NewGmailDraft['inReplyTo']>;
  /** Gmail's snippet of the reply (the contact's words: untrusted), read when drafting, never stored. */
  text: string | null;
}

/**
 * The answered message of a move made from a reply (`action_params.reply_to`), with the
 * References chain so every client threads the draft; undefined for any other move.
 */
export async function replyTargetOf(gmail: GmailConnector, move: CommandQueueMove): Promise<ReplyTarget | undefined> {
  const replyTo = move.action_params.reply_to as { thread_id?: unknown; rfc822_message_id?: unknown } | undefined;
  if (typeof replyTo?.thread_id !== 'string' || typeof replyTo.rfc822_message_id !== 'string') return undefined;
  const thread = await gmail.threadMetadata(replyTo.thread_id);
  const answered = thread.find((message) => message.messageId === replyTo.rfc822_message_id);
  return {
    inReplyTo: { threadId: replyTo.thread_id, messageId: replyTo.rfc822_message_id, references: answered?.references ?? [] },
    text: answered?.snippet ?? null,
  };
}
