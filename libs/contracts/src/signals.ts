import type { CommandQueueMove, MoveSummary } from './command-queue';
import type { SignalSource } from './domain';

export interface SignalView {
  id: string;
  source: SignalSource;
  kind: string;
  contact_email: string | null;
  company: string | null;
  external_id: string | null;
  payload: Record<string, unknown>;
  received_at: string;
  processed_at: string | null;
  item_id: string | null;
  /** The rule of the signal-to-move table that decided; null when none matched. */
  rule: string | null;
  /** How a reply was classified, and by which rule (Gmail replies only). */
  classification: { label: 'positive' | 'negative' | 'neutral'; rule: string } | null;
}

/** A signal in `GET /api/signals`: with its move as it stands now (null when it made none, or the move is gone). */
export interface SignalListItem extends SignalView {
  move: MoveSummary | null;
}

export interface SignalDetail extends SignalView {
  move: CommandQueueMove | null;
}

/** The answer to a webhook or a manual signal: stored first, then turned into a move. */
export interface IngestResponse {
  signal_id: string;
  duplicate: boolean;
  move: CommandQueueMove | null;
}

export const MANUAL_SIGNAL_KINDS = ['note', 'follow_up', 'at_risk', 'renewal_approaching'] as const;
export type ManualSignalKind = (typeof MANUAL_SIGNAL_KINDS)[number];

export interface ManualSignalRequest {
  kind: ManualSignalKind;
  note: string;
  contact_email?: string;
  contact_name?: string;
  company?: string;
}

export interface SignalCountResponse {
  since: string;
  count: number;
}
