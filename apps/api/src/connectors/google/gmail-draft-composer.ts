import MailComposer from 'nodemailer/lib/mail-composer';

export interface NewGmailDraft {
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Answering a message: its Message-ID and References, and the Gmail thread to file the draft in. */
  inReplyTo?: { messageId: string; references: string[]; threadId: string };
}

export interface ComposedDraft {
  /** base64url RFC 2822 message, as Gmail's `raw` wants it. */
  raw: string;
  /** The Message-ID we gave it, which replies to it will quote. */
  messageId: string;
}

/**
 * Builds the RFC 2822 message with nodemailer's MailComposer (encoding, folding, multipart/
 * alternative for html). A reply carries In-Reply-To and References, the chain plus the message
 * answered, so every mail client threads it under the original.
 */
export async function composeDraft(draft: NewGmailDraft, from: { name: string; address: string } | undefined): Promise<ComposedDraft> {
  const reply = draft.inReplyTo;
  const references = reply ? [...new Set([...reply.references, reply.messageId])] : undefined;
  const node = new MailComposer({
    // Without From, Gmail sends the draft as the mailbox owner anyway.
    ...(from ? { from } : {}),
    to: draft.to,
    cc: draft.cc,
    subject: draft.subject,
    text: draft.text,
    html: draft.html,
    ...(reply ? { inReplyTo: reply.messageId, references } : {}),
  }).compile();
  const message = await node.build();
  return { raw: message.toString('base64url'), messageId: node.messageId() };
}
