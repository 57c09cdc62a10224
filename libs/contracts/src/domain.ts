/** The three go-to-market domains that share one queue. */
export const DOMAINS = ['sales', 'marketing', 'cs'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Action types by domain; each has exactly one execution handler. */
export const ACTION_TYPES_BY_DOMAIN = {
  sales: ['send_email', 'create_task', 'book_meeting'],
  marketing: ['content_repurpose', 'social_post', 'newsletter_draft', 'asset_create'],
  cs: ['cs_health_check', 'renewal_outreach', 'risk_escalation', 'onboarding_follow_up'],
} as const satisfies Record<Domain, readonly string[]>;

export type ActionType = (typeof ACTION_TYPES_BY_DOMAIN)[Domain][number];
export const ACTION_TYPES: readonly ActionType[] = Object.values(ACTION_TYPES_BY_DOMAIN).flat();

export const QUEUE_ITEM_STATUSES = ['pending', 'accepted', 'dismissed', 'snoozed', 'executing', 'completed', 'failed', 'rolled_back'] as const;
export type QueueItemStatus = (typeof QUEUE_ITEM_STATUSES)[number];

/**
 * What Today lists: moves waiting for a decision, being executed, or whose execution failed
 * (to retry, do by hand or dismiss). The API's ranking index and the dashboard's list both use it.
 */
export const TODAY_STATUSES: readonly QueueItemStatus[] = ['pending', 'accepted', 'executing', 'failed'];

/** Moves not finished: Today's plus the snoozed ones, which come back. The counts show these as they stand. */
export const OPEN_STATUSES: readonly QueueItemStatus[] = [...TODAY_STATUSES, 'snoozed'];

/** Moves a person can execute, complete by hand or dismiss (not one that is executing). */
export const ACTIONABLE_STATUSES: readonly QueueItemStatus[] = ['pending', 'accepted', 'failed'];

export const SIGNAL_SOURCES = ['form', 'hubspot', 'gmail', 'calendar', 'manual'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export const OUTCOME_TYPES = [
  'reply_received',
  'positive_reply',
  'negative_reply',
  'auto_reply',
  'bounced',
  'unsubscribed',
  'no_response',
  'meeting_booked',
  'meeting_held',
  'meeting_no_show',
  'meeting_cancelled',
  'deal_created',
  'deal_advanced',
  'deal_regressed',
  'deal_won',
  'deal_lost',
  'task_completed',
  'content_published',
] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

export const INTEGRATION_PROVIDERS = ['hubspot', 'google'] as const;
export type IntegrationProvider = (typeof INTEGRATION_PROVIDERS)[number];
