import { accountHealth, withActivity } from './account-health';

const now = new Date('2026-11-26T12:00:00Z');
const daysFromNow = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe('accountHealth', () => {
  it('a healthy, recently touched account is low risk', () => {
    const health = accountHealth(
      { company: 'Acme', lastTouchAt: daysFromNow(-3), renewalAt: daysFromNow(200), negativeReplies90d: 0, dealRegressions90d: 0 },
      now,
    );
    expect(health.risk_score).toBe(2);
    expect(health.level).toBe('low');
  });

  it('silence, complaints, regressions and a near renewal add up to high risk, capped at 100', () => {
    const health = accountHealth(
      { company: 'Globex', lastTouchAt: daysFromNow(-90), renewalAt: daysFromNow(0), negativeReplies90d: 5, dealRegressions90d: 4 },
      now,
    );
    expect(health.risk_score).toBe(100);
    expect(health.level).toBe('high');
    expect(health.parts.map((part) => part.points)).toEqual([40, 25, 20, 15]);
  });

  it('explains each part', () => {
    const health = accountHealth(
      { company: 'Initech', lastTouchAt: daysFromNow(-41), renewalAt: daysFromNow(9), negativeReplies90d: 1, dealRegressions90d: 0 },
      now,
    );
    expect(health.parts.map((part) => part.detail)).toEqual([
      '41 days since the last touch',
      '1 negative reply in 90 days',
      '0 deal regressions in 90 days',
      'Renewal in 9 days',
    ]);
    expect(health.risk_score).toBe(Math.round(27.3 + 10 + 0 + 13.5));
    expect(health.level).toBe('medium');
  });

  it('rises as the last touch recedes', () => {
    const scores = [5, 20, 40, 60].map(
      (days) => accountHealth({ company: 'X', lastTouchAt: daysFromNow(-days), renewalAt: null, negativeReplies90d: 0, dealRegressions90d: 0 }, now).risk_score,
    );
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(new Set(scores).size).toBe(4);
  });

  it('joins the stored facts with the recorded activity: the later touch, the trouble of both added up', () => {
    const stored = { company: 'Fernway', lastTouchAt: daysFromNow(-41), renewalAt: daysFromNow(9), negativeReplies90d: 1, dealRegressions90d: 0 };
    expect(withActivity(stored, { lastTouchAt: daysFromNow(-2), negativeReplies: 1, dealRegressions: 2 })).toEqual({
      ...stored,
      lastTouchAt: daysFromNow(-2),
      negativeReplies90d: 2,
      dealRegressions90d: 2,
    });
    expect(withActivity(stored, { lastTouchAt: null, negativeReplies: 0, dealRegressions: 0 })).toEqual(stored);
    expect(withActivity({ ...stored, lastTouchAt: null }, { lastTouchAt: null, negativeReplies: 0, dealRegressions: 0 }).lastTouchAt).toBeNull();
  });
});
