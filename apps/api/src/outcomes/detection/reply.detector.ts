import { Injectable } from '@nestjs/common';
import { EMAIL_ACTION_TYPES, OutcomeType, SignalView } from '@caseyos/contracts';
import { attributedExecution, madeObject } from './attribution';
import { AttributionCandidates } from './attribution-candidates';
import { DetectedOutcome, SignalDetector, happenedAt, textOf } from './outcome-detector';

/** The classifier rule that reads "unsubscribe", "remove me", "stop emailing" (docs/SIGNALS.md). */
const STOP_RULE = 'negative.stop';

/** What a Gmail signal kind says happened; a negative reply asking us to stop is also unsubscribed. */
function outcomesOf(signal: SignalView): OutcomeType[] {
  switch (signal.kind) {
    case 'reply_positive':
      return ['reply_received', 'positive_reply'];
    case 'reply_negative':
      return signal.classification?.rule === STOP_RULE ? ['reply_received', 'negative_reply', 'unsubscribed'] : ['reply_received', 'negative_reply'];
    case 'reply_neutral':
      return ['reply_received'];
    case 'auto_reply':
      return ['auto_reply'];
    case 'bounce':
      return ['bounced'];
    default:
      return [];
  }
}

/**
 * Replies, auto-replies and bounces. One that answers a CaseyOS draft (its Message-ID names the
 * execution) belongs to that execution, however late; otherwise to the contact's email execution
 * in the window whose draft is in the reply's thread, else the latest.
 */
@Injectable()
export class ReplyDetector implements SignalDetector {
  readonly source = 'gmail' as const;
  readonly name = 'reply-detector';

  constructor(private readonly candidates: AttributionCandidates) {}

  async detect(signal: SignalView): Promise<DetectedOutcome[]> {
    const types = outcomesOf(signal);
    if (types.length === 0) return [];
    const answers = textOf(signal.payload, 'answers_rfc822_message_id');
    const threadId = textOf(signal.payload, 'thread_id');
    const detectedAt = happenedAt(signal, signal.payload.received_at);
    const named = answers ? await this.candidates.named({ rfc822MessageId: answers }) : null;
    // A reply to a draft that was undone (or never made) belongs to no execution.
    const execution = named ? (named.attributable ? named.execution : null) : await this.inWindow(signal, detectedAt, threadId);
    if (!execution) return [];
    const evidence = { signal_id: signal.id, message_id: textOf(signal.payload, 'message_id'), thread_id: threadId };
    return types.map((outcomeType) => ({ execution, outcomeType, detectedAt, evidence }));
  }

  private async inWindow(signal: SignalView, detectedAt: Date, threadId: string | undefined) {
    const candidates = await this.candidates.before(detectedAt, { contactEmail: signal.contact_email, actionTypes: EMAIL_ACTION_TYPES });
    return attributedExecution(candidates, (candidate) => madeObject(candidate, 'gmail_draft', ({ refs }) => refs.thread_id === threadId));
  }
}
