import type { ExecutionView, OutcomeEvidence, OutcomeType, SignalSource, SignalView } from '@caseyos/contracts';

/** An outcome a detector found, with the execution it belongs to. */
export interface DetectedOutcome {
  execution: ExecutionView;
  outcomeType: OutcomeType;
  detectedAt: Date;
  evidence: OutcomeEvidence;
}

/** Reads one source's signals for what they say about earlier executions (one detector per source). */
export interface SignalDetector {
  readonly source: SignalSource;
  /** Recorded as the outcome's source. */
  readonly name: string;
  detect(signal: SignalView): Promise<DetectedOutcome[]>;
}

/** Sources with something to say about executions; forms and notes are new demand, not outcomes. */
export const OUTCOME_SOURCES: readonly SignalSource[] = ['gmail', 'calendar', 'hubspot'];

/** When the provider says it happened, else when we saw it. */
export function happenedAt(signal: SignalView, reported: unknown): Date {
  const at = typeof reported === 'string' ? new Date(reported) : null;
  return at && !Number.isNaN(at.getTime()) ? at : new Date(signal.received_at);
}

export function textOf(payload: Record<string, unknown>, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
