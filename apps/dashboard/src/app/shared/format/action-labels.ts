import { ActionType } from '@caseyos/contracts';

/** What each action type is called on screen: Today's moves, the guardrails, a draft asset. */
export const ACTION_LABELS: Record<ActionType, string> = {
  send_email: 'Send email',
  create_task: 'Create task',
  book_meeting: 'Book meeting',
  content_repurpose: 'Repurpose content',
  social_post: 'Social post',
  newsletter_draft: 'Newsletter draft',
  asset_create: 'Create asset',
  cs_health_check: 'Health check',
  renewal_outreach: 'Renewal outreach',
  risk_escalation: 'Risk escalation',
  onboarding_follow_up: 'Onboarding follow-up',
};
