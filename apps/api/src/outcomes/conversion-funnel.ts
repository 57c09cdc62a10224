import { DEAL_OUTCOMES, Domain, FunnelCounts, FunnelPeriod, FunnelRow, MEETING_OUTCOMES, REPLY_OUTCOMES } from '@caseyos/contracts';
import { DAY_MS } from '../platform/clock/clock';
import type { OutcomeFact } from './outcome-records';
import { MeasuredExecution, hasAny, outcomesByExecution } from './outcome-stats';
import type { ReportWindow } from './report-window';

/**
 * The start of the bucket holding `at`, computed in UTC only (never the process's time zone):
 * midnight, the Monday of the ISO week, or the 1st of the month.
 */
export function periodStart(at: Date, period: FunnelPeriod): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (period === 'day') return new Date(midnight);
  if (period === 'week') return new Date(midnight - ((at.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextPeriodStart(start: Date, period: FunnelPeriod): Date {
  if (period === 'day') return new Date(start.getTime() + DAY_MS);
  if (period === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** The starts of the buckets touching [from, to), oldest first. */
export function periodStarts(window: ReportWindow, period: FunnelPeriod): Date[] {
  const starts: Date[] = [];
  for (let start = periodStart(window.from, period); start < window.to; start = nextPeriodStart(start, period)) starts.push(start);
  return starts;
}

const zero = (): FunnelCounts => ({ total_sent: 0, replies: 0, meetings: 0, deals: 0 });

function count(counts: FunnelCounts, outcomes: readonly OutcomeFact[]): void {
  counts.total_sent += 1;
  if (hasAny(outcomes, REPLY_OUTCOMES)) counts.replies += 1;
  if (hasAny(outcomes, MEETING_OUTCOMES)) counts.meetings += 1;
  if (hasAny(outcomes, DEAL_OUTCOMES)) counts.deals += 1;
}

/**
 * The funnel of outreach executions: each counts in the bucket and domain it started in, with
 * whether it ever got a reply, a meeting and deal progress. Every bucket of `starts` is listed
 * for every domain, empty ones as zeros.
 */
export function funnelOf(
  starts: readonly Date[],
  period: FunnelPeriod,
  domains: readonly Domain[],
  executions: readonly MeasuredExecution[],
  outcomes: readonly OutcomeFact[],
): { rows: FunnelRow[]; totals: (FunnelCounts & { domain: Domain })[] } {
  const byExecution = outcomesByExecution(outcomes);
  const cells = new Map<string, FunnelCounts>();
  const totals = new Map(domains.map((domain) => [domain, zero()]));
  const cellKey = (start: Date, domain: Domain) => `${start.toISOString()}|${domain}`;
  for (const execution of executions) {
    const total = totals.get(execution.domain);
    if (!total) continue;
    const key = cellKey(periodStart(execution.startedAt, period), execution.domain);
    const cell = cells.get(key) ?? zero();
    cells.set(key, cell);
    const own = byExecution.get(execution.id) ?? [];
    count(cell, own);
    count(total, own);
  }
  const rows = starts.flatMap((start) =>
    domains.map((domain) => ({
      domain,
      period_start: start.toISOString(),
      period_end: nextPeriodStart(start, period).toISOString(),
      ...(cells.get(cellKey(start, domain)) ?? zero()),
    })),
  );
  return { rows, totals: domains.map((domain) => ({ domain, ...(totals.get(domain) ?? zero()) })) };
}
