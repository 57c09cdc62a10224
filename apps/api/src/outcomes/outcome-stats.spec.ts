import { ACTION_TYPES, ACTION_TYPES_BY_DOMAIN, ActionType, OUTCOME_TYPES, OutcomeType, SUCCESS_OUTCOMES } from '@caseyos/contracts';
import type { OutcomeFact } from './outcome-records';
import { DOMAIN_OF, MeasuredExecution, median, statsOf } from './outcome-stats';

const HOUR = 3_600_000;
const finished = new Date('2026-03-02T10:00:00Z');

function executed(id: string, actionType: ActionType): MeasuredExecution {
  return { id, domain: DOMAIN_OF[actionType], actionType, startedAt: new Date(finished.getTime() - 1000), finishedAt: finished };
}

const after = (executionId: string, outcomeType: OutcomeType, hours: number, deal: OutcomeFact['deal'] = null): OutcomeFact => ({
  executionId,
  outcomeType,
  detectedAt: new Date(finished.getTime() + hours * HOUR),
  deal,
});

describe('statsOf', () => {
  const executions = [
    executed('a', 'send_email'),
    executed('b', 'send_email'),
    executed('c', 'send_email'),
    executed('t', 'create_task'),
    executed('r', 'renewal_outreach'),
  ];
  const outcomes = [
    after('a', 'reply_received', 2),
    after('a', 'meeting_booked', 72),
    after('b', 'positive_reply', 30),
    after('c', 'negative_reply', 1),
    after('c', 'negative_reply', 0.5), // a second reply: the first one counts
    after('t', 'task_completed', 5),
    after('r', 'auto_reply', 0.5),
    after('elsewhere', 'deal_won', 1), // not of these executions
  ];
  const { rows, totals } = statsOf(ACTION_TYPES_BY_DOMAIN.sales, executions.slice(0, 4), outcomes);
  const email = rows.find((row) => row.action_type === 'send_email');

  it('counts executions, outcome events by type, successes and rates per action type', () => {
    expect(email).toEqual({
      domain: 'sales',
      action_type: 'send_email',
      executions: 3,
      outcomes: { reply_received: 1, meeting_booked: 1, positive_reply: 1, negative_reply: 2 },
      successes: 2,
      success_rate: 0.6667,
      email_executions: 3,
      replied_within_24h: 2,
      reply_rate_24h: 0.6667,
      meetings: 1,
      meeting_rate: 0.3333,
      median_seconds_to_reply: 2 * 3600, // of 0.5 h, 2 h and 30 h
      net_impact_usd: 0,
    });
  });

  it('net impact is the latest amount of each deal advanced or won after the executions, each deal once', () => {
    const deals = [
      after('a', 'deal_advanced', 10, { id: 'd1', amountUsd: 10_000 }),
      after('b', 'deal_won', 50, { id: 'd1', amountUsd: 12_000 }), // the same deal later, worth more: counted once, at 12,000
      after('c', 'deal_advanced', 5, { id: 'd2', amountUsd: 3_000 }),
      after('c', 'deal_created', 1, { id: 'd3', amountUsd: 99_000 }), // created is not moved forward
      after('c', 'deal_regressed', 6, { id: 'd4', amountUsd: 50_000 }),
    ];
    const figures = statsOf(['send_email'], executions.slice(0, 3), deals);
    expect(figures.rows[0].net_impact_usd).toBe(15_000);
    expect(figures.totals.net_impact_usd).toBe(15_000);
  });

  it('lists every action type asked for, zeros and nulls where nothing ran; email rates only for email actions', () => {
    expect(rows.map((row) => row.action_type)).toEqual(['send_email', 'create_task', 'book_meeting']);
    expect(rows.find((row) => row.action_type === 'create_task')).toMatchObject({
      executions: 1,
      successes: 1,
      success_rate: 1,
      email_executions: 0,
      reply_rate_24h: null,
    });
    expect(rows.find((row) => row.action_type === 'book_meeting')).toMatchObject({
      executions: 0,
      outcomes: {},
      success_rate: null,
      meeting_rate: null,
      median_seconds_to_reply: null,
    });
  });

  it('totals add the rows up', () => {
    expect(totals.executions).toBe(rows.reduce((sum, row) => sum + row.executions, 0));
    expect(totals.successes).toBe(3);
    expect(totals.outcomes).toEqual({ reply_received: 1, meeting_booked: 1, positive_reply: 1, negative_reply: 2, task_completed: 1 });
    expect(totals.reply_rate_24h).toBe(0.6667);
  });

  it('an auto reply is neither a reply nor a success', () => {
    const [renewal] = statsOf(['renewal_outreach'], [executions[4]], outcomes).rows;
    expect(renewal).toMatchObject({
      executions: 1,
      successes: 0,
      replied_within_24h: 0,
      reply_rate_24h: 0,
      median_seconds_to_reply: null,
      outcomes: { auto_reply: 1 },
    });
  });

  it('a reply just past 24 h is not within 24 h; one recorded a moment before the finish counts as at once', () => {
    const late = statsOf(['send_email'], [executed('x', 'send_email')], [after('x', 'reply_received', 24.01)]).rows[0];
    expect(late).toMatchObject({ replied_within_24h: 0, median_seconds_to_reply: 86_436 });
    const early = statsOf(['send_email'], [executed('y', 'send_email')], [after('y', 'reply_received', -0.0001)]).rows[0];
    expect(early).toMatchObject({ replied_within_24h: 1, median_seconds_to_reply: 0 });
  });

  it('success is defined for every action type, with known outcome types only', () => {
    for (const actionType of ACTION_TYPES) {
      expect(SUCCESS_OUTCOMES[actionType].length).toBeGreaterThan(0);
      for (const type of SUCCESS_OUTCOMES[actionType]) expect(OUTCOME_TYPES).toContain(type);
    }
    expect(SUCCESS_OUTCOMES.send_email).not.toContain('negative_reply');
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
