import { Injectable } from '@nestjs/common';
import type { OutcomeType, SignalView } from '@caseyos/contracts';
import { attributedExecution, madeObject } from './attribution';
import { AttributionCandidates } from './attribution-candidates';
import { DetectedOutcome, SignalDetector, textOf } from './outcome-detector';

const OUTCOME_OF_KIND: Record<string, OutcomeType> = { meeting_booked: 'meeting_booked', meeting_cancelled: 'meeting_cancelled' };

/**
 * Meetings booked or cancelled, attributed to the execution that made the event, else to the
 * contact's latest book_meeting execution, else to the contact's latest execution of any kind
 * (a meeting after an email is that email's meeting: the funnel counts it).
 */
@Injectable()
export class MeetingDetector implements SignalDetector {
  readonly source = 'calendar' as const;
  readonly name = 'meeting-detector';

  constructor(private readonly candidates: AttributionCandidates) {}

  async detect(signal: SignalView): Promise<DetectedOutcome[]> {
    const outcomeType = OUTCOME_OF_KIND[signal.kind];
    if (!outcomeType) return [];
    const eventId = textOf(signal.payload, 'event_id');
    const detectedAt = new Date(signal.received_at);
    const candidates = await this.candidates.before(detectedAt, { contactEmail: signal.contact_email });
    const execution =
      candidates.find((candidate) => madeObject(candidate, 'calendar_event', ({ id }) => id === eventId)) ??
      attributedExecution(candidates, (candidate) => candidate.action_type === 'book_meeting');
    if (!execution) return [];
    // A cancellation is final for an event, and the sweep may see it too: the event alone is its evidence.
    const evidence = outcomeType === 'meeting_cancelled' ? { event_id: eventId } : { event_id: eventId, signal_id: signal.id };
    return [{ execution, outcomeType, detectedAt, evidence }];
  }
}
