import { Injectable } from '@nestjs/common';
import { ACTION_CREATES, type ExecutionView, type OutcomeType, type SignalView } from '@caseyos/contracts';
import { attributedExecution } from './attribution';
import { AttributionCandidates } from './attribution-candidates';
import { DetectedOutcome, SignalDetector, textOf } from './outcome-detector';

const OUTCOME_OF_KIND: Record<string, OutcomeType> = { meeting_booked: 'meeting_booked', meeting_cancelled: 'meeting_cancelled' };

/**
 * Meetings booked or cancelled. The cancellation of an event CaseyOS inserted belongs to the
 * execution that inserted it; a meeting the contact booked or cancelled themselves to the
 * contact's latest book_meeting execution in the window, else their latest execution of any kind
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
    const own = eventId ? await this.candidates.named({ calendarEventId: eventId }) : null;
    let execution: ExecutionView | null;
    if (own) {
      // The booking of an event CaseyOS inserted is the execution itself, not its outcome; its
      // cancellation is, unless the execution was undone (a rollback cancels the event).
      execution = outcomeType === 'meeting_cancelled' && own.attributable ? own.execution : null;
    } else {
      const candidates = await this.candidates.before(detectedAt, { contactEmail: signal.contact_email });
      execution = attributedExecution(candidates, (candidate) => ACTION_CREATES[candidate.action_type].includes('calendar_event'));
    }
    if (!execution) return [];
    // A cancellation is final for an event, and the sweep may see it too: the event alone is its evidence.
    const evidence = outcomeType === 'meeting_cancelled' ? { event_id: eventId } : { event_id: eventId, signal_id: signal.id };
    return [{ execution, outcomeType, detectedAt, evidence }];
  }
}
