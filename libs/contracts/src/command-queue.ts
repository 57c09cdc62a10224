import type { ActionType, Domain, QueueItemStatus } from './domain';

export const APS_FACTORS = ['impact', 'urgency', 'intent', 'fit', 'effort'] as const;
export type ApsFactor = (typeof APS_FACTORS)[number];

/** One factor's part of a score: contribution = value * weight. */
export interface ApsFactorBreakdown {
  factor: ApsFactor;
  value: number;
  weight: number;
  contribution: number;
  explanation: string;
}

export interface ApsBreakdown {
  base: number;
  factors: ApsFactorBreakdown[];
  /** Smoothed success rate of this action type in this domain, and what it did to the score. */
  outcome_adjustment: {
    success_rate: number;
    /** Executions of this action type in this domain whose outcome is known: what the rate rests on (0: the prior alone). */
    observations: number;
    multiplier: number;
    note: string;
  };
  /** A contact's own recent history, bounded to a small nudge either way. */
  contact_adjustment: {
    delta: number;
    note: string;
  };
  final: number;
}

export interface CommandQueueMove {
  id: string;
  domain: Domain;
  action_type: ActionType;
  title: string;
  status: QueueItemStatus;
  aps: number;
  aps_breakdown: ApsBreakdown;
  reasons: string[];
  contact_email: string | null;
  contact_name: string | null;
  company: string | null;
  deal_id: string | null;
  deal_amount: number | null;
  due_at: string | null;
  snoozed_until: string | null;
  dismiss_reason: string | null;
  signal_id: string | null;
  action_params: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A move in a few fields, for a list that points at moves (a signal's move in the signals list). */
export type MoveSummary = Pick<CommandQueueMove, 'id' | 'status' | 'title' | 'aps' | 'domain' | 'action_type' | 'version'>;

export type QueueCounts = Record<Domain, Partial<Record<QueueItemStatus, number>>>;

export interface TodayResponse {
  today_moves: CommandQueueMove[];
  counts: QueueCounts;
  generated_at: string;
}

export interface DismissRequest {
  reason: string;
}

export interface SnoozeRequest {
  /** ISO 8601 time in the future. */
  until: string;
}

export interface SeedResponse {
  created: number;
  existing: number;
}

export interface AccountHealth {
  company: string;
  risk_score: number;
  level: 'low' | 'medium' | 'high';
  parts: { factor: string; points: number; max_points: number; detail: string }[];
  renewal_at: string | null;
  last_touch_at: string | null;
}

/** What the live stream (GET /api/events, Server-Sent Events) sends. */
export interface QueueChangedEvent {
  type: 'queue.item.created' | 'queue.item.updated';
  item: CommandQueueMove;
}
