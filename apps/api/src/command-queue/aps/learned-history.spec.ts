import { contactHistoryOf, successHistoryOf } from './learned-history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 2, 1, 9);
const window = 72 * HOUR;

describe('successHistoryOf', () => {
  it('observes an execution once it has an outcome or its attribution window closed; silence is a failure', () => {
    const history = successHistoryOf(
      'send_email',
      [
        { finishedAt: now - HOUR, outcomes: [{ outcomeType: 'positive_reply', detectedAt: now - 1000 }] },
        { finishedAt: now - HOUR, outcomes: [] },
        { finishedAt: now - 4 * DAY, outcomes: [] },
        { finishedAt: now - 5 * DAY, outcomes: [{ outcomeType: 'no_response', detectedAt: now - 2 * DAY }] },
      ],
      now,
      window,
    );
    expect(history).toEqual({ successes: 1, observations: 3 });
  });

  it('counts a success by the action type’s SUCCESS_OUTCOMES, once per execution, and nothing detected after now', () => {
    const replied = {
      finishedAt: now - DAY,
      outcomes: [
        { outcomeType: 'reply_received' as const, detectedAt: now - HOUR },
        { outcomeType: 'positive_reply' as const, detectedAt: now - HOUR },
      ],
    };
    const taskDoneLater = { finishedAt: now - HOUR, outcomes: [{ outcomeType: 'task_completed' as const, detectedAt: now + HOUR }] };
    expect(successHistoryOf('send_email', [replied], now, window)).toEqual({ successes: 1, observations: 1 });
    expect(successHistoryOf('create_task', [replied], now, window)).toEqual({ successes: 0, observations: 1 });
    expect(successHistoryOf('create_task', [taskDoneLater], now, window)).toEqual({ successes: 0, observations: 0 });
    expect(successHistoryOf('create_task', [taskDoneLater], now + HOUR, window)).toEqual({ successes: 1, observations: 1 });
  });

  it('a draft asset nobody published is a failure only after two weeks: its success is recorded by hand', () => {
    const unpublished = { finishedAt: now - 4 * DAY, outcomes: [] };
    const published = { finishedAt: now - 4 * DAY, outcomes: [{ outcomeType: 'content_published' as const, detectedAt: now - DAY }] };
    expect(successHistoryOf('social_post', [unpublished, published], now, window)).toEqual({ successes: 1, observations: 1 });
    expect(successHistoryOf('social_post', [unpublished, published], now + 11 * DAY, window)).toEqual({ successes: 1, observations: 2 });
  });

  it('a late success turns an observed failure into a success without a second observation', () => {
    const late = { finishedAt: now - 10 * DAY, outcomes: [{ outcomeType: 'task_completed' as const, detectedAt: now - DAY }] };
    expect(successHistoryOf('cs_health_check', [late], now - 2 * DAY, window)).toEqual({ successes: 0, observations: 1 });
    expect(successHistoryOf('cs_health_check', [late], now, window)).toEqual({ successes: 1, observations: 1 });
  });
});

describe('contactHistoryOf', () => {
  it('counts positive replies, negative replies and no-responses detected in the 30 days up to now', () => {
    const history = contactHistoryOf(
      [
        { outcomeType: 'positive_reply', detectedAt: now - DAY },
        { outcomeType: 'reply_received', detectedAt: now - DAY },
        { outcomeType: 'negative_reply', detectedAt: now - 29 * DAY },
        { outcomeType: 'negative_reply', detectedAt: now - 30 * DAY },
        { outcomeType: 'no_response', detectedAt: now },
        { outcomeType: 'no_response', detectedAt: now + 1 },
        { outcomeType: 'meeting_booked', detectedAt: now - DAY },
      ],
      now,
    );
    expect(history).toEqual({ positive_replies: 1, negative_replies: 1, no_responses: 1 });
  });
});
