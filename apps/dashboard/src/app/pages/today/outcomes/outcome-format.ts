import { FunnelCounts, FunnelPeriod, OutcomeType } from '@caseyos/contracts';

export const OUTCOME_LABELS: Record<OutcomeType, string> = {
  reply_received: 'Reply',
  positive_reply: 'Positive reply',
  negative_reply: 'Negative reply',
  auto_reply: 'Auto-reply',
  bounced: 'Bounced',
  unsubscribed: 'Unsubscribed',
  no_response: 'No response',
  meeting_booked: 'Meeting booked',
  meeting_held: 'Meeting held',
  meeting_no_show: 'Meeting no-show',
  meeting_cancelled: 'Meeting cancelled',
  deal_created: 'Deal created',
  deal_advanced: 'Deal advanced',
  deal_regressed: 'Deal slipped back',
  deal_won: 'Deal won',
  deal_lost: 'Deal lost',
  task_completed: 'Task completed',
  content_published: 'Content published',
};

/** The stats' window: Today looks back a month, not the API's default 90 days. */
export const STATS_DAYS = 30;
const DAY_MS = 86_400_000;

const MINUTE_MS = 60_000;

/** Whole minutes: every tab asking within the same minute asks the same question, which the API answers once. */
export function statsFrom(now: number): string {
  return new Date(Math.floor((now - STATS_DAYS * DAY_MS) / MINUTE_MS) * MINUTE_MS).toISOString();
}

/** A rate of 0..1 (or none) as people read it: "42%", "–". */
export function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

export const FUNNEL_STAGES = [
  { key: 'total_sent', label: 'Sent' },
  { key: 'replies', label: 'Replied' },
  { key: 'meetings', label: 'Meeting' },
  { key: 'deals', label: 'Deal' },
] as const satisfies readonly { key: keyof FunnelCounts; label: string }[];

export type FunnelStage = (typeof FUNNEL_STAGES)[number]['key'];

/** The funnel widget's periods (the API also has days, too fine for a glance). */
export const FUNNEL_PERIOD_OPTIONS = [
  { period: 'week', label: 'Weeks' },
  { period: 'month', label: 'Months' },
] as const satisfies readonly { period: FunnelPeriod; label: string }[];
export type WidgetPeriod = (typeof FUNNEL_PERIOD_OPTIONS)[number]['period'];

/** How many buckets the funnel shows: enough for a trend, few enough to read. */
export const FUNNEL_BUCKETS = 6;

/**
 * The start of the funnel's window: the UTC bucket `FUNNEL_BUCKETS - 1` periods before the current
 * one. The API buckets in UTC (ISO weeks from Monday), so the first bucket is whole in any time zone.
 */
export function funnelFrom(period: WidgetPeriod, now: number): string {
  const today = new Date(now);
  if (period === 'month') {
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (FUNNEL_BUCKETS - 1), 1)).toISOString();
  }
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - sinceMonday - 7 * (FUNNEL_BUCKETS - 1))).toISOString();
}

const WEEK_LABEL = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const MONTH_LABEL = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const MONTH_LONG = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The axis label of a bucket ("3 Nov", "Nov") and its full name ("Week of 3 Nov", "November 2026"). */
export function bucketLabels(period: WidgetPeriod, start: string): { short: string; long: string } {
  const date = new Date(start);
  return period === 'month'
    ? { short: MONTH_LABEL.format(date), long: MONTH_LONG.format(date) }
    : { short: WEEK_LABEL.format(date), long: `Week of ${WEEK_LABEL.format(date)}` };
}
