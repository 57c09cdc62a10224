import type { CommandQueueMove } from './command-queue';
import type { ActionType, Domain, OutcomeType } from './domain';
import type { ExecutionView } from './execution';
import type { SignalView } from './signals';

/** Outcome types no detector finds: only a person records them (POST /api/outcomes/record). */
export const MANUAL_OUTCOME_TYPES: readonly OutcomeType[] = ['content_published'];

/** The `source` of an outcome someone recorded by hand; detectors use their own name. */
export const MANUAL_OUTCOME_SOURCE = 'manual';

/**
 * What shows that an outcome happened. Its canonical form is the outcome's `evidence_key`:
 * the same evidence for the same execution and type is recorded once, however often a
 * detector sees it.
 */
export interface OutcomeEvidence {
  signal_id?: string;
  message_id?: string;
  thread_id?: string;
  event_id?: string;
  deal_id?: string;
  deal_stage_from?: string;
  deal_stage_to?: string;
  /** The deal's amount in US dollars when the change was seen (a decimal string, as HubSpot gives it). */
  deal_amount_usd?: string;
  task_id?: string;
  /** content_published: the draft asset marked published. */
  asset_id?: string;
  note?: string;
  /** A manual record: when the operator said it happened (only when they said so). */
  reported_at?: string;
}

export interface OutcomeView {
  id: string;
  item_id: string;
  /** Null for an outcome of a move that was never executed (or not before it happened). */
  execution_id: string | null;
  outcome_type: OutcomeType;
  contact_email: string | null;
  detected_at: string;
  /** `manual`, or the name of the detector that found it. */
  source: string;
  metadata: OutcomeEvidence;
  evidence_key: string;
  actor: string;
  created_at: string;
}

export interface RecordOutcomeRequest {
  item_id: string;
  outcome_type: OutcomeType;
  note?: string;
  /** ISO 8601 with a time zone (or a date, read as UTC midnight); now when omitted. */
  detected_at?: string;
  /** Omitted: the move's succeeded execution, when it started before `detected_at`. */
  execution_id?: string;
}

/**
 * Reply taxonomy: a detector records one outcome per message. reply_received is a human reply
 * that is neither clearly positive nor negative; auto_reply (out of office) is not a reply.
 */
export const REPLY_OUTCOMES: readonly OutcomeType[] = ['reply_received', 'positive_reply', 'negative_reply'];
export const MEETING_OUTCOMES: readonly OutcomeType[] = ['meeting_booked', 'meeting_held'];
/** Deal progress: a deal that exists, moved forward, or closed won. */
export const DEAL_OUTCOMES: readonly OutcomeType[] = ['deal_created', 'deal_advanced', 'deal_won'];

/** Actions that email the contact: the population of the reply rate. */
export const EMAIL_ACTION_TYPES: readonly ActionType[] = ['send_email', 'renewal_outreach', 'onboarding_follow_up'];
/** Actions that reach the contact (an email, an invitation): what the funnel counts as sent. */
export const OUTREACH_ACTION_TYPES: readonly ActionType[] = [...EMAIL_ACTION_TYPES, 'book_meeting'];

const ENGAGED: readonly OutcomeType[] = ['reply_received', 'positive_reply', ...MEETING_OUTCOMES];

/**
 * What counts as success for each action type: one definition, used by the stats and by the
 * learning that feeds success rates back into the score. An execution succeeded (in this sense)
 * when at least one of these outcomes is attributed to it.
 */
export const SUCCESS_OUTCOMES: Readonly<Record<ActionType, readonly OutcomeType[]>> = {
  send_email: [...ENGAGED, ...DEAL_OUTCOMES],
  renewal_outreach: [...ENGAGED, 'deal_advanced', 'deal_won'],
  onboarding_follow_up: [...ENGAGED, 'task_completed'],
  book_meeting: MEETING_OUTCOMES,
  create_task: ['task_completed'],
  risk_escalation: ['task_completed'],
  cs_health_check: ['task_completed'],
  content_repurpose: ['content_published'],
  social_post: ['content_published'],
  newsletter_draft: ['content_published'],
  asset_create: ['content_published'],
};

/** The figures of one action type (or of all of them, `totals`) over a window's executions. */
export interface OutcomeFigures {
  /** Succeeded, non-dry-run executions that started in the window. */
  executions: number;
  /** Outcome events attributed to those executions, by type (any time after). */
  outcomes: Partial<Record<OutcomeType, number>>;
  /** Executions with at least one of their action type's SUCCESS_OUTCOMES. */
  successes: number;
  success_rate: number | null;
  /** Executions of EMAIL_ACTION_TYPES. */
  email_executions: number;
  /** Email executions whose first reply (REPLY_OUTCOMES) came within 24 h of the execution's finish. */
  replied_within_24h: number;
  reply_rate_24h: number | null;
  /** Executions with a MEETING_OUTCOMES outcome. */
  meetings: number;
  meeting_rate: number | null;
  /** Median of (first reply − execution finish) over executions with a reply, in whole seconds. */
  median_seconds_to_reply: number | null;
  /** Pipeline value moved: the amount of each distinct deal advanced or won after these executions, counted once (its latest amount). */
  net_impact_usd: number;
}

export interface OutcomeStatsRow extends OutcomeFigures {
  domain: Domain;
  action_type: ActionType;
}

export interface OutcomeStatsResponse {
  from: string;
  to: string;
  domain: Domain | null;
  /** One row per action type (of `domain`, or all), zeros included. */
  rows: OutcomeStatsRow[];
  totals: OutcomeFigures;
}

/** Funnel buckets, in UTC: days from midnight, ISO weeks from Monday, months from the 1st. */
export const FUNNEL_PERIODS = ['day', 'week', 'month'] as const;
export type FunnelPeriod = (typeof FUNNEL_PERIODS)[number];

/** Of the outreach executions (OUTREACH_ACTION_TYPES) started in a bucket: how many got each kind of outcome. */
export interface FunnelCounts {
  total_sent: number;
  /** With a REPLY_OUTCOMES outcome. */
  replies: number;
  /** With a MEETING_OUTCOMES outcome. */
  meetings: number;
  /** With a DEAL_OUTCOMES outcome. */
  deals: number;
}

export interface FunnelRow extends FunnelCounts {
  domain: Domain;
  period_start: string;
  period_end: string;
}

export interface ConversionFunnelResponse {
  from: string;
  to: string;
  period: FunnelPeriod;
  domain: Domain | null;
  /** Every bucket touching the window, for every domain asked, oldest first; empty ones as zeros. */
  rows: FunnelRow[];
  totals: (FunnelCounts & { domain: Domain })[];
}

export const TIMELINE_KINDS = ['signal', 'move', 'execution', 'outcome'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One thing that happened with a contact; `at` is when (received, created, started, detected). */
export type ContactTimelineEntry =
  | { kind: 'signal'; at: string; signal: SignalView }
  | { kind: 'move'; at: string; move: CommandQueueMove }
  | { kind: 'execution'; at: string; execution: ExecutionView }
  | { kind: 'outcome'; at: string; outcome: OutcomeView };

export interface ContactTimelineResponse {
  contact_email: string;
  /** Newest first. */
  entries: ContactTimelineEntry[];
  /** True when older entries were left out by the limit. */
  truncated: boolean;
}

/** What the live stream (GET /api/events) sends when an outcome is recorded. */
export interface OutcomeRecordedEvent {
  type: 'outcome.recorded';
  outcome: OutcomeView;
}
