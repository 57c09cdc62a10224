import { Injectable } from '@nestjs/common';
import type { ExternalObject, OutboundRequest } from '@caseyos/contracts';
import { GmailConnector } from '../../../connectors/google/gmail.connector';
import type { NewGmailDraft } from '../../../connectors/google/gmail-draft-composer';
import { IrreversibleError } from '../../execution-problems';
import type { RunOptions } from '../execution-handler';

/** Gmail drafts (never sent): the exact message for the plan, creation, lookup by Message-ID, removal. */
@Injectable()
export class GmailDraftEffect {
  constructor(private readonly gmail: GmailConnector) {}

  /** The request as it will go out: the MIME headers and text of the message, and the thread it joins. */
  async request(draft: NewGmailDraft): Promise<OutboundRequest> {
    const preview = await this.gmail.previewDraft(draft);
    return {
      target: 'gmail',
      operation: 'gmail.drafts.create',
      method: 'POST',
      path: '/gmail/v1/users/me/drafts',
      body: { message: { raw: '(the RFC 2822 message below, base64url)', ...(draft.inReplyTo ? { threadId: draft.inReplyTo.threadId } : {}) } },
      email: { headers: preview.headers, text: preview.text },
    };
  }

  async create(draft: NewGmailDraft, options: RunOptions): Promise<ExternalObject> {
    const created = await this.gmail.createDraft(draft, { signal: options.signal, retries: false });
    return draftObject(created);
  }

  /** Every draft an attempt made, found by the Message-ID the plan gave it (more than one only after a duplicate). */
  async find(request: OutboundRequest, options: RunOptions): Promise<ExternalObject[]> {
    const messageId = request.email?.headers['Message-ID'];
    if (!messageId) return [];
    const found = await this.gmail.findDraftsByMessageId(messageId, { signal: options.signal, retries: false });
    return found.map((draft) => draftObject({ ...draft, rfc822MessageId: messageId }));
  }

  /** Resolves once the draft is gone; a draft the user sent meanwhile cannot be taken back (IrreversibleError). */
  async remove(object: ExternalObject, options: RunOptions): Promise<void> {
    const call = { signal: options.signal, retries: false };
    if (await this.gmail.deleteDraft(object.id, call)) return;
    const messageId = object.refs?.rfc822_message_id;
    if (messageId && (await this.gmail.wasSent(messageId, call))) throw new IrreversibleError('The draft was sent from Gmail already; an email cannot be unsent.');
  }
}

function draftObject(draft: { draftId: string; messageId: string; threadId: string; rfc822MessageId: string }): ExternalObject {
  return {
    kind: 'gmail_draft',
    id: draft.draftId,
    url: `https://mail.google.com/mail/#drafts?compose=${encodeURIComponent(draft.messageId)}`,
    refs: { message_id: draft.messageId, thread_id: draft.threadId, rfc822_message_id: draft.rfc822MessageId },
  };
}
