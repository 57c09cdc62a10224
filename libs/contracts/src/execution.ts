import type { ActionType, Domain } from './domain';
import type { ChannelVariantView, DraftEdit, DraftProvenance } from './drafting';
import type { ProblemDetails } from './http';

/**
 * queued: waiting for its rate-limit window (or for an emergency stop to end);
 * running: claimed, calling the provider; succeeded | failed | timed_out: finished;
 * rolled_back | rollback_failed: what an undo made of a succeeded execution.
 */
export const EXECUTION_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'timed_out', 'rolled_back', 'rollback_failed'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Where a planned request goes. `caseyos` is CaseyOS's own draft-asset store. */
export const OUTBOUND_TARGETS = ['gmail', 'hubspot', 'calendar', 'caseyos'] as const;
export type OutboundTarget = (typeof OUTBOUND_TARGETS)[number];

/** One outbound request exactly as an execution will send it. */
export interface OutboundRequest {
  target: OutboundTarget;
  /** e.g. gmail.drafts.create, hubspot.tasks.create, calendar.events.insert, assets.create */
  operation: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to the provider's API base. */
  path: string;
  /** The JSON body sent (for Gmail the raw message is shown decoded in `email` instead). */
  body: Record<string, unknown>;
  /** For Gmail drafts: the MIME headers and text body of the message. */
  email?: { headers: Record<string, string>; text: string };
}

export interface ExecutionPlan {
  action_type: ActionType;
  /** One line a person reads in the confirm dialog. */
  summary: string;
  requests: OutboundRequest[];
  reversible: boolean;
  /** Which writer and voice profile wrote the draft (absent for plans made before drafting recorded it). */
  draft?: DraftProvenance;
  /** The person's edit the plan was made with; a queued execution plans with it again when it runs. */
  edit?: DraftEdit;
  /** The texts of an email's or an asset's draft as planned: what an execute may send back as shown (`DraftEdit.shown_by`). */
  texts?: DraftEdit;
}

export type ExternalObjectKind = 'gmail_draft' | 'hubspot_task' | 'calendar_event' | 'asset';

/**
 * What executing each action type creates. Each execution handler declares the same (checked when
 * the API starts), and outcome detection follows the tasks and meetings of the action types that
 * make them, so a new action type cannot be forgotten in either.
 */
export const ACTION_CREATES: Readonly<Record<ActionType, readonly ExternalObjectKind[]>> = {
  send_email: ['gmail_draft'],
  create_task: ['hubspot_task'],
  book_meeting: ['calendar_event'],
  content_repurpose: ['asset'],
  social_post: ['asset'],
  newsletter_draft: ['asset', 'gmail_draft'],
  asset_create: ['asset'],
  cs_health_check: ['hubspot_task'],
  renewal_outreach: ['gmail_draft'],
  risk_escalation: ['hubspot_task'],
  onboarding_follow_up: ['gmail_draft'],
};

/** The action types whose execution creates objects of this kind. */
export function actionTypesCreating(kind: ExternalObjectKind): ActionType[] {
  return (Object.keys(ACTION_CREATES) as ActionType[]).filter((actionType) => ACTION_CREATES[actionType].includes(kind));
}

/** A created object an execution made, with a link to open it. */
export interface ExternalObject {
  kind: ExternalObjectKind;
  id: string;
  url: string | null;
  /** Extra ids a rollback or an outcome detector needs (message id, thread id, ...). */
  refs?: Record<string, string>;
}

export interface ExecutionResultData {
  objects: ExternalObject[];
  /** True when a retry or a reconciliation found the object an earlier attempt had made. */
  adopted?: boolean;
  /** A stray object an aborted attempt left, found and removed afterwards. */
  stray_removed?: ExternalObject[];
}

export const GUARDRAILS = ['kill_switch', 'idempotency', 'circuit_breaker', 'rate_limit', 'contact_cap'] as const;
export type GuardrailName = (typeof GUARDRAILS)[number];

export interface GuardrailVerdict {
  guardrail: GuardrailName;
  /** pass: the execute would go ahead; block: it would be refused (or queued with when_limited=queue). */
  verdict: 'pass' | 'block';
  detail: string;
  /** Seconds until a blocking limit or breaker lets the next one through. */
  retry_after_seconds?: number;
  /** For limits: how many are left in the window. */
  remaining?: number;
  limit?: number;
}

export interface ExecutionView {
  id: string;
  item_id: string;
  domain: Domain;
  action_type: ActionType;
  title: string;
  contact_email: string | null;
  status: ExecutionStatus;
  dry_run: boolean;
  idempotency_key: string | null;
  request_hash: string;
  plan: ExecutionPlan | null;
  result: ExecutionResultData | null;
  error: ProblemDetails | null;
  attempts: number;
  actor: string;
  reversible: boolean;
  /** For queued executions: when it will be tried. */
  run_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  rolled_back_at: string | null;
}

/** The answer to a dry run: what would be sent and what each guardrail says now. */
export interface DryRunResponse {
  execution: ExecutionView;
  plan: ExecutionPlan;
  guardrails: GuardrailVerdict[];
  /** True when no guardrail blocks. */
  would_execute: boolean;
}

export interface ExecutionStatusView {
  id: string;
  status: ExecutionStatus;
  attempts: number;
  finished_at: string | null;
  error: ProblemDetails | null;
}

export interface CompleteRequest {
  note?: string;
}

export interface EmergencyStopRequest {
  active: boolean;
  reason?: string;
}

export interface EmergencyStopState {
  active: boolean;
  reason: string | null;
  changed_by: string | null;
  changed_at: string | null;
}

export interface BreakerState {
  action_type: ActionType;
  state: 'closed' | 'open' | 'half_open';
  consecutive_failures: number;
  /** While open: when it half-opens. */
  retry_at: string | null;
}

export interface ActionLimitState {
  action_type: ActionType;
  per_hour: number;
  used: number;
  remaining: number;
  /** When the oldest counted execution leaves the window; null when nothing is counted. */
  resets_at: string | null;
}

export interface GuardrailsResponse {
  emergency_stop: EmergencyStopState;
  breakers: BreakerState[];
  limits: ActionLimitState[];
  contact_cap: { per_week: number };
  timeout_seconds: number;
}

/** What the live stream (GET /api/events) sends when an execution changes. */
export interface ExecutionChangedEvent {
  type: 'execution.updated';
  execution: ExecutionView;
}

export interface EmergencyStopChangedEvent {
  type: 'execution.emergency_stop';
  state: EmergencyStopState;
}

/** A draft asset CaseyOS keeps for the marketing actions (content, posts, newsletters, assets). */
export interface DraftAsset {
  id: string;
  item_id: string;
  execution_id: string;
  action_type: ActionType;
  channel: string;
  title: string;
  body: string;
  /** The channel's length limit in characters, when it has one. */
  max_length: number | null;
  /** A social post's text for each channel (empty for other assets). */
  variants: ChannelVariantView[];
  /** When the operator marked it published (recording `content_published`); null while a draft. */
  published_at: string | null;
  published_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface UpdateDraftAssetRequest {
  title?: string;
  body?: string;
  /** Replaces the text of these channels' variants (channels the asset has). */
  variants?: { channel: string; body: string }[];
}

/** draft: not published yet; published: marked published. */
export const DRAFT_ASSET_STATUSES = ['draft', 'published'] as const;
export type DraftAssetStatus = (typeof DRAFT_ASSET_STATUSES)[number];

export interface DraftAssetFilters {
  channel?: string;
  status?: DraftAssetStatus;
}

export interface PublishDraftAssetRequest {
  /** Where it went live. */
  url?: string;
}
