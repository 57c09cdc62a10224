import { Injectable } from '@nestjs/common';
import type { Signal } from '../entities/signal.entity';
import { SignalProcessor, text } from './signal-processor';

/** Replies, auto-replies and bounces found by the Gmail poller (already classified there). */
@Injectable()
export class GmailRepliesProcessor implements SignalProcessor {
  readonly source = 'gmail' as const;

  facts(signal: Signal) {
    const threadId = text(signal.payload.thread_id);
    const rfc822MessageId = text(signal.payload.rfc822_message_id);
    return {
      contactEmail: signal.contactEmail,
      contactName: text(signal.payload.contact_name),
      company: signal.company,
      subject: text(signal.payload.subject),
      replyTo: threadId && rfc822MessageId ? { threadId, rfc822MessageId, subject: text(signal.payload.subject) } : null,
    };
  }
}
