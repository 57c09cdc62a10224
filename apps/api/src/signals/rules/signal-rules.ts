import type { ActionType, Domain, SignalSource } from '@caseyos/contracts';

/**
 * The signal-to-move table, as data (mirrored in docs/SIGNALS.md). The first rule whose source,
 * kind and condition match decides; a signal no rule matches is stored and processed with no move.
 */
export interface SignalRule {
  id: string;
  source: SignalSource;
  kind: string;
  /** Extra condition on the signal's facts, e.g. only for customer accounts. */
  when?: (facts: SignalFacts) => boolean;
  domain: Domain;
  actionType: ActionType;
  /** Strength of the signal, 0..1: feeds the APS intent factor. */
  intent: number;
  title: (facts: SignalFacts) => string;
  /** How long the move may wait, in hours. */
  dueInHours: number;
  label: string;
}

/** What a processor extracted from a signal, for the rules and the move. */
export interface SignalFacts {
  contactEmail: string | null;
  contactName: string | null;
  company: string | null;
  isCustomer: boolean;
  dealId?: string | null;
  dealName?: string | null;
  amountUsd?: number | null;
  fromStage?: string | null;
  toStage?: string | null;
  /** The deal reached a won stage (closed, probability 1). */
  won?: boolean;
  subject?: string | null;
  formName?: string | null;
  note?: string | null;
  /** The message a reply-born move answers (Gmail), so its email lands in that thread. */
  replyTo?: { threadId: string; rfc822MessageId: string; subject: string | null } | null;
}

const who = (facts: SignalFacts) => facts.contactName ?? facts.contactEmail ?? facts.company ?? 'unknown contact';
const at = (facts: SignalFacts) => (facts.company ? ` (${facts.company})` : '');
const deal = (facts: SignalFacts) => facts.dealName ?? facts.company ?? 'deal';

export const SIGNAL_RULES: readonly SignalRule[] = [
  // Website forms
  {
    id: 'form.demo_request',
    source: 'form',
    kind: 'demo_request',
    domain: 'sales',
    actionType: 'send_email',
    intent: 0.95,
    dueInHours: 2,
    label: 'Demo request',
    title: (f) => `Reply to demo request from ${who(f)}${at(f)}`,
  },
  {
    id: 'form.pricing_request',
    source: 'form',
    kind: 'pricing_request',
    domain: 'sales',
    actionType: 'send_email',
    intent: 0.85,
    dueInHours: 4,
    label: 'Pricing request',
    title: (f) => `Send pricing to ${who(f)}${at(f)}`,
  },
  {
    id: 'form.newsletter_signup',
    source: 'form',
    kind: 'newsletter_signup',
    domain: 'marketing',
    actionType: 'newsletter_draft',
    intent: 0.35,
    dueInHours: 72,
    label: 'Newsletter sign-up',
    title: (f) => `Welcome ${who(f)} in the next newsletter`,
  },
  {
    id: 'form.contact',
    source: 'form',
    kind: 'contact',
    domain: 'sales',
    actionType: 'create_task',
    intent: 0.6,
    dueInHours: 24,
    label: 'Contact form',
    title: (f) => `Qualify inbound lead ${who(f)}${at(f)}`,
  },
  // HubSpot deals
  {
    id: 'hubspot.deal_created',
    source: 'hubspot',
    kind: 'deal_created',
    domain: 'sales',
    actionType: 'create_task',
    intent: 0.6,
    dueInHours: 24,
    label: 'New deal',
    title: (f) => `Qualify new deal ${deal(f)}`,
  },
  {
    id: 'hubspot.deal_won',
    source: 'hubspot',
    kind: 'deal_advanced',
    when: (f) => f.won === true,
    domain: 'cs',
    actionType: 'onboarding_follow_up',
    intent: 0.7,
    dueInHours: 48,
    label: 'Deal won',
    title: (f) => `Kick off onboarding for ${deal(f)}`,
  },
  {
    id: 'hubspot.deal_advanced',
    source: 'hubspot',
    kind: 'deal_advanced',
    domain: 'sales',
    actionType: 'book_meeting',
    intent: 0.7,
    dueInHours: 24,
    label: 'Deal advanced',
    title: (f) => `Book the next meeting for ${deal(f)} (now ${f.toStage ?? 'further along'})`,
  },
  {
    id: 'hubspot.deal_regressed.customer',
    source: 'hubspot',
    kind: 'deal_regressed',
    when: (f) => f.isCustomer,
    domain: 'cs',
    actionType: 'risk_escalation',
    intent: 0.8,
    dueInHours: 12,
    label: 'Deal slipped back',
    title: (f) => `Escalate ${f.company ?? deal(f)}: ${deal(f)} slipped back to ${f.toStage ?? 'an earlier stage'}`,
  },
  {
    id: 'hubspot.deal_regressed',
    source: 'hubspot',
    kind: 'deal_regressed',
    domain: 'sales',
    actionType: 'create_task',
    intent: 0.6,
    dueInHours: 24,
    label: 'Deal slipped back',
    title: (f) => `Find out why ${deal(f)} slipped back to ${f.toStage ?? 'an earlier stage'}`,
  },
  {
    id: 'hubspot.renewal_approaching',
    source: 'hubspot',
    kind: 'renewal_approaching',
    domain: 'cs',
    actionType: 'renewal_outreach',
    intent: 0.6,
    dueInHours: 72,
    label: 'Renewal approaching',
    title: (f) => `Open the renewal conversation with ${f.company ?? who(f)}`,
  },
  // Gmail replies
  {
    id: 'gmail.reply.positive',
    source: 'gmail',
    kind: 'reply_positive',
    domain: 'sales',
    actionType: 'book_meeting',
    intent: 0.85,
    dueInHours: 4,
    label: 'Positive reply',
    title: (f) => `Book a meeting with ${who(f)}${at(f)}`,
  },
  {
    id: 'gmail.reply.negative.customer',
    source: 'gmail',
    kind: 'reply_negative',
    when: (f) => f.isCustomer,
    domain: 'cs',
    actionType: 'risk_escalation',
    intent: 0.75,
    dueInHours: 8,
    label: 'Negative reply',
    title: (f) => `Unhappy reply from ${who(f)}${at(f)}: escalate`,
  },
  {
    id: 'gmail.reply.negative',
    source: 'gmail',
    kind: 'reply_negative',
    domain: 'sales',
    actionType: 'create_task',
    intent: 0.4,
    dueInHours: 48,
    label: 'Negative reply',
    title: (f) => `Log the objection from ${who(f)}${at(f)}`,
  },
  {
    id: 'gmail.reply.neutral',
    source: 'gmail',
    kind: 'reply_neutral',
    domain: 'sales',
    actionType: 'send_email',
    intent: 0.6,
    dueInHours: 8,
    label: 'Reply',
    title: (f) => `Answer ${who(f)}${at(f)}`,
  },
  {
    id: 'gmail.bounce',
    source: 'gmail',
    kind: 'bounce',
    domain: 'sales',
    actionType: 'create_task',
    intent: 0.3,
    dueInHours: 72,
    label: 'Bounced email',
    title: (f) => `Find a working address for ${who(f)}${at(f)}`,
  },
  // Calendar
  {
    id: 'calendar.meeting_booked',
    source: 'calendar',
    kind: 'meeting_booked',
    domain: 'sales',
    actionType: 'create_task',
    intent: 0.7,
    dueInHours: 24,
    label: 'Meeting booked',
    title: (f) => `Prepare a brief for the meeting with ${who(f)}${at(f)}`,
  },
  {
    id: 'calendar.meeting_cancelled',
    source: 'calendar',
    kind: 'meeting_cancelled',
    domain: 'sales',
    actionType: 'send_email',
    intent: 0.5,
    dueInHours: 24,
    label: 'Meeting cancelled',
    title: (f) => `Offer ${who(f)} new times`,
  },
  // Manual
  {
    id: 'manual.follow_up',
    source: 'manual',
    kind: 'follow_up',
    domain: 'sales',
    actionType: 'create_task',
    intent: 0.6,
    dueInHours: 24,
    label: 'Note: follow up',
    title: (f) => `Follow up with ${who(f)}${at(f)}`,
  },
  {
    id: 'manual.at_risk',
    source: 'manual',
    kind: 'at_risk',
    domain: 'cs',
    actionType: 'risk_escalation',
    intent: 0.7,
    dueInHours: 12,
    label: 'Note: at risk',
    title: (f) => `Look into risk at ${f.company ?? who(f)}`,
  },
  {
    id: 'manual.renewal_approaching',
    source: 'manual',
    kind: 'renewal_approaching',
    domain: 'cs',
    actionType: 'renewal_outreach',
    intent: 0.6,
    dueInHours: 72,
    label: 'Note: renewal',
    title: (f) => `Open the renewal conversation with ${f.company ?? who(f)}`,
  },
];

export function matchRule(source: SignalSource, kind: string, facts: SignalFacts): SignalRule | null {
  return SIGNAL_RULES.find((rule) => rule.source === source && rule.kind === kind && (!rule.when || rule.when(facts))) ?? null;
}

export function rulesWithConditions(source: SignalSource, kind: string): boolean {
  return SIGNAL_RULES.some((rule) => rule.source === source && rule.kind === kind && rule.when);
}
