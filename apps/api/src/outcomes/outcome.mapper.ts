import type { OutcomeView } from '@caseyos/contracts';
import type { OutcomeEvent } from './entities/outcome-event.entity';

export function toOutcomeView(event: OutcomeEvent): OutcomeView {
  return {
    id: event.id,
    item_id: event.itemId,
    execution_id: event.executionId,
    outcome_type: event.outcomeType,
    contact_email: event.contactEmail,
    detected_at: event.detectedAt.toISOString(),
    source: event.source,
    metadata: event.metadata,
    evidence_key: event.evidenceKey,
    actor: event.actor,
    created_at: event.createdAt.toISOString(),
  };
}
