import type { OutcomeFact } from './outcome-records';
import { funnelOf, nextPeriodStart, periodStart, periodStarts } from './conversion-funnel';
import type { MeasuredExecution } from './outcome-stats';

const at = (iso: string) => new Date(iso);

describe('funnel buckets (UTC)', () => {
  it('a day starts at UTC midnight, a week on Monday, a month on the 1st', () => {
    expect(periodStart(at('2025-06-01T23:30:00Z'), 'day').toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(periodStart(at('2025-06-01T23:30:00Z'), 'week').toISOString()).toBe('2025-05-26T00:00:00.000Z'); // a Sunday
    expect(periodStart(at('2025-06-02T00:30:00Z'), 'week').toISOString()).toBe('2025-06-02T00:00:00.000Z'); // the Monday
    expect(periodStart(at('2025-12-31T23:59:59.999Z'), 'month').toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(nextPeriodStart(at('2025-12-01T00:00:00Z'), 'month').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(nextPeriodStart(at('2024-02-01T00:00:00Z'), 'month').toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });

  it('lists the buckets touching [from, to), the first and last possibly partial', () => {
    const starts = periodStarts({ from: at('2025-05-28T12:00:00Z'), to: at('2025-06-09T00:00:00Z') }, 'week');
    expect(starts.map((start) => start.toISOString())).toEqual(['2025-05-26T00:00:00.000Z', '2025-06-02T00:00:00.000Z']);
    expect(periodStarts({ from: at('2025-06-01T00:00:00Z'), to: at('2025-06-01T00:00:00Z') }, 'day')).toEqual([]);
    expect(periodStarts({ from: at('2025-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') }, 'month')).toHaveLength(12);
  });
});

describe('funnelOf', () => {
  const sent = (id: string, startedAt: string, domain: 'sales' | 'cs' = 'sales'): MeasuredExecution => ({
    id,
    domain,
    actionType: domain === 'sales' ? 'send_email' : 'renewal_outreach',
    startedAt: at(startedAt),
    finishedAt: at(startedAt),
  });
  const outcome = (executionId: string, outcomeType: OutcomeFact['outcomeType']): OutcomeFact => ({
    executionId,
    outcomeType,
    detectedAt: at('2025-06-20T00:00:00Z'),
    deal: null,
  });
  const executions = [
    sent('s1', '2025-06-01T23:30:00Z'),
    sent('s2', '2025-06-02T00:30:00Z'),
    sent('s3', '2025-06-03T08:00:00Z'),
    sent('c1', '2025-06-04T08:00:00Z', 'cs'),
  ];
  const outcomes = [
    outcome('s2', 'positive_reply'),
    outcome('s2', 'reply_received'),
    outcome('s2', 'meeting_booked'),
    outcome('s3', 'deal_created'),
    outcome('c1', 'auto_reply'),
  ];
  const starts = periodStarts({ from: at('2025-05-26T00:00:00Z'), to: at('2025-06-09T00:00:00Z') }, 'week');

  it('counts each execution once per stage, in the UTC bucket and domain it started in', () => {
    const { rows, totals } = funnelOf(starts, 'week', ['sales', 'cs'], executions, outcomes);
    expect(rows).toEqual([
      { domain: 'sales', period_start: '2025-05-26T00:00:00.000Z', period_end: '2025-06-02T00:00:00.000Z', total_sent: 1, replies: 0, meetings: 0, deals: 0 },
      { domain: 'cs', period_start: '2025-05-26T00:00:00.000Z', period_end: '2025-06-02T00:00:00.000Z', total_sent: 0, replies: 0, meetings: 0, deals: 0 },
      { domain: 'sales', period_start: '2025-06-02T00:00:00.000Z', period_end: '2025-06-09T00:00:00.000Z', total_sent: 2, replies: 1, meetings: 1, deals: 1 },
      { domain: 'cs', period_start: '2025-06-02T00:00:00.000Z', period_end: '2025-06-09T00:00:00.000Z', total_sent: 1, replies: 0, meetings: 0, deals: 0 },
    ]);
    expect(totals).toEqual([
      { domain: 'sales', total_sent: 3, replies: 1, meetings: 1, deals: 1 },
      { domain: 'cs', total_sent: 1, replies: 0, meetings: 0, deals: 0 },
    ]);
  });

  it('leaves out executions of domains not asked for', () => {
    const { rows, totals } = funnelOf(starts, 'week', ['cs'], executions, outcomes);
    expect(rows.map((row) => row.domain)).toEqual(['cs', 'cs']);
    expect(totals).toEqual([{ domain: 'cs', total_sent: 1, replies: 0, meetings: 0, deals: 0 }]);
  });
});
