import { Injectable } from '@nestjs/common';
import type { ExternalObject, OutboundRequest } from '@caseyos/contracts';
import { GmailConnector } from '../../../connectors/google/gmail.connector';
import type { ComposedDraft, NewGmailDraft } from '../../../connectors/google/gmail-draft-composer';
import { IrreversibleError } from '../../execution-problems';
import type { RunOptions } from '../execution-handler';

/** Gmail drafts (never sent): the exact message for the plan, creation, lookup by Message-ID, removal. */
@Injectable()
export class GmailDraftEffect {
  constructor(private readonly gmail: GmailConnector) {}

  /** The message composed once: the plan shows it (raw, headers, text) and `create` sends exactly it. */
  async compose(draft: NewGmailDraft): Promise<{ composed: ComposedDraft; request: OutboundRequest }> {
    const composed = await this.gmail.compose(draft);
    const request: OutboundRequest = {
      target: 'gmail',
      operation: 'gmail.drafts.create',
      method: 'POST',
      path: '/gmail/v1/users/me/drafts',
      body: { message: { raw: composed.raw, ...(composed.threadId ? { threadId: composed.threadId } : {}) } },
      email: { headers: composed.headers, text: composed.text },
    };
    return { composed, request };
  }

  async create(composed: ComposedDraft, options: RunOptions): Promise<ExternalObject> {
    return draftObject(await this.gmail.createComposedDraft(composed, { signal: options.signal, retries: false }));
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
    if (messageId && (await this.gmail.wasSent(messageId, call)))
      throw new IrreversibleError('The draft was sent from Gmail already; an email cannot be unsent.');
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
