import fc from 'fast-check';
import { ACTION_TYPES_BY_DOMAIN, DOMAINS } from '@caseyos/contracts';
import { calculateAps } from './aps-calculator';
import { DEFAULT_APS_SETTINGS, validateApsSettings } from './aps-settings';
import { effort, fit, impact, intent, urgency } from './factors';
import type { ScoreInputs, ScoringContext } from './score-inputs';

const now = new Date('2026-11-26T12:00:00Z');
const settings = DEFAULT_APS_SETTINGS;
const noHistory: ScoringContext = { now, settings, success: { successes: 0, observations: 0 }, contact: null };
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
const daysAhead = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

describe('APS factors', () => {
  it('impact is log-scaled and saturates at the cap', () => {
    expect(impact({ amount_usd: 0 }, settings).value).toBe(0.1);
    const small = impact({ amount_usd: 5_000 }, settings).value;
    const medium = impact({ amount_usd: 50_000 }, settings).value;
    const large = impact({ amount_usd: 500_000 }, settings).value;
    expect(medium - small).toBeCloseTo(large - medium, 1);
    expect(large).toBeCloseTo(1, 5);
    expect(impact({ amount_usd: 5_000_000 }, settings).value).toBe(1);
  });

  it('urgency: overdue is 1, due dates and renewals decay by halves, the strongest wins', () => {
    expect(urgency({ due_at: hoursAgo(2) }, settings, now)).toMatchObject({ value: 1, explanation: 'Overdue by 2 h' });
    expect(urgency({ due_at: daysAhead(1) }, settings, now).value).toBeCloseTo(0.5, 5);
    expect(urgency({ renewal_at: daysAhead(30) }, settings, now).value).toBeCloseTo(0.5, 5);
    expect(urgency({ renewal_at: daysAhead(30), due_at: hoursAgo(1) }, settings, now).value).toBe(1);
    expect(urgency({ account_risk: 80 }, settings, now).value).toBeCloseTo(0.8, 5);
    expect(urgency({}, settings, now).value).toBe(0.2);
  });

  it('urgency: signal freshness halves every half-life', () => {
    expect(urgency({ signal_at: hoursAgo(0) }, settings, now).value).toBeCloseTo(1, 5);
    expect(urgency({ signal_at: hoursAgo(24) }, settings, now).value).toBeCloseTo(0.5, 5);
    expect(urgency({ signal_at: hoursAgo(48) }, settings, now).value).toBeCloseTo(0.25, 5);
  });

  it('intent is the signal strength, clamped', () => {
    expect(intent({ intent: 0.9, signal_label: 'Demo request' }).value).toBe(0.9);
    expect(intent({ intent: 7 }).value).toBe(1);
    expect(intent({}).value).toBe(0.3);
  });

  it('fit counts ICP criteria met, unknowns as half', () => {
    expect(fit({ firmographics: { employees: 120, industry: 'SaaS', seniority: 'VP' } }, settings).value).toBe(1);
    expect(fit({ firmographics: { employees: 5, industry: 'Retail', seniority: 'Intern' } }, settings).value).toBe(0);
    expect(fit({}, settings).value).toBe(0.5);
  });

  it('effort inverts the action cost', () => {
    expect(effort('create_task', settings).value).toBeCloseTo(0.9, 5);
    expect(effort('asset_create', settings).value).toBeCloseTo(0.2, 5);
  });
});

describe('calculateAps', () => {
  const demoRequest: ScoreInputs = {
    amount_usd: 48_000,
    deal_stage: 'Negotiation',
    signal_at: hoursAgo(0.2),
    signal_label: 'Demo request',
    intent: 0.9,
    firmographics: { employees: 120, industry: 'saas', seniority: 'founder' },
  };

  it('explains the score: factor contributions add up to the base', () => {
    const { aps, breakdown } = calculateAps('sales', 'send_email', demoRequest, noHistory);
    const sum = breakdown.factors.reduce((total, factor) => total + factor.contribution, 0);
    expect(sum).toBeCloseTo(breakdown.base, 3);
    expect(breakdown.factors.map((factor) => factor.factor)).toEqual(['impact', 'urgency', 'intent', 'fit', 'effort']);
    expect(breakdown.outcome_adjustment.note).toMatch(/^No outcome history yet/);
    expect(breakdown.outcome_adjustment.success_rate).toBeCloseTo(0.2, 5);
    expect(aps).toBeCloseTo(breakdown.base * 1.06, 3);
    expect(breakdown.final).toBe(aps);
  });

  it('gives two or three plain-language reasons', () => {
    const { reasons } = calculateAps('sales', 'send_email', demoRequest, noHistory);
    expect(reasons).toContain('Demo request 12 min ago');
    expect(reasons).toContain('Deal $48k in Negotiation');
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    expect(reasons.length).toBeLessThanOrEqual(3);
  });

  it('says when a renewal is near and the account has gone quiet', () => {
    const { reasons } = calculateAps('cs', 'renewal_outreach', { amount_usd: 60_000, renewal_at: daysAhead(9), last_touch_at: hoursAgo(41 * 24) }, noHistory);
    expect(reasons).toContain('Renewal in 9 days, no touch for 41 days');
  });

  it('smooths success rates toward the prior: three lucky outcomes do not dominate', () => {
    const ordinary: ScoreInputs = { amount_usd: 8_000, intent: 0.4 };
    const lucky = calculateAps('sales', 'send_email', ordinary, { ...noHistory, success: { successes: 3, observations: 3 } });
    const proven = calculateAps('sales', 'send_email', ordinary, { ...noHistory, success: { successes: 90, observations: 100 } });
    expect(lucky.breakdown.outcome_adjustment.success_rate).toBeCloseTo(5 / 13, 3);
    expect(proven.breakdown.outcome_adjustment.success_rate).toBeCloseTo(92 / 110, 3);
    expect(lucky.aps).toBeLessThan(proven.aps);
  });

  it('says what the success rate rests on: the observation count in the breakdown and in the reasons', () => {
    const ordinary: ScoreInputs = { amount_usd: 8_000, intent: 0.4 };
    const learned = calculateAps('sales', 'send_email', ordinary, { ...noHistory, success: { successes: 9, observations: 12 } });
    expect(learned.breakdown.outcome_adjustment).toMatchObject({
      observations: 12,
      success_rate: 0.5,
      note: '9 of 12 send email moves in sales succeeded; smoothed rate 50%',
    });
    expect(learned.reasons).toEqual(['Account $8k at stake', 'Quick to do', 'Send email succeeded 9 of 12 times']);
    expect(calculateAps('sales', 'send_email', ordinary, noHistory).reasons).toEqual(['Account $8k at stake', 'Quick to do']);
  });

  it('nudges by the contact history within bounds', () => {
    const base = calculateAps('sales', 'send_email', demoRequest, noHistory).aps;
    const negative = calculateAps('sales', 'send_email', demoRequest, {
      ...noHistory,
      contact: { positive_replies: 0, negative_replies: 5, no_responses: 5 },
    });
    const positive = calculateAps('sales', 'send_email', demoRequest, {
      ...noHistory,
      contact: { positive_replies: 4, negative_replies: 0, no_responses: 0 },
    });
    expect(negative.breakdown.contact_adjustment.delta).toBe(-0.1);
    expect(positive.breakdown.contact_adjustment.delta).toBe(0.05);
    expect(negative.aps).toBeCloseTo(base - 0.1, 3);
    expect(positive.aps).toBeGreaterThan(base);
  });

  it('rejects weight sets that do not sum to 1', () => {
    expect(() => validateApsSettings(settings)).not.toThrow();
    const broken = { ...settings, weights: { ...settings.weights, cs: { ...settings.weights.cs, impact: 0.5 } } };
    expect(() => validateApsSettings(broken)).toThrow(/cs sum to 1\.200, not 1/);
  });
});

describe('APS properties', () => {
  const domainAndAction = fc.constantFrom(...DOMAINS.flatMap((domain) => ACTION_TYPES_BY_DOMAIN[domain].map((actionType) => [domain, actionType] as const)));
  const inputs = fc.record({
    amount_usd: fc.option(fc.double({ min: 0, max: 10_000_000, noNaN: true }), { nil: null }),
    due_at: fc.option(
      fc.integer({ min: -90, max: 90 }).map((days) => daysAhead(days)),
      { nil: null },
    ),
    renewal_at: fc.option(
      fc.integer({ min: 0, max: 365 }).map((days) => daysAhead(days)),
      { nil: null },
    ),
    signal_at: fc.option(
      fc.integer({ min: 0, max: 24 * 60 }).map((hours) => hoursAgo(hours)),
      { nil: null },
    ),
    intent: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    account_risk: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  });
  const history = fc.tuple(fc.nat(1000), fc.nat(1000)).map(([a, b]) => ({ successes: Math.min(a, b), observations: Math.max(a, b) }));
  const contact = fc.option(fc.record({ positive_replies: fc.nat(10), negative_replies: fc.nat(10), no_responses: fc.nat(10) }), { nil: null });

  it('always scores in [0, 1]', () => {
    fc.assert(
      fc.property(domainAndAction, inputs, history, contact, ([domain, actionType], input, success, contactHistory) => {
        const { aps } = calculateAps(domain, actionType, input, { now, settings, success, contact: contactHistory });
        return aps >= 0 && aps <= 1;
      }),
    );
  });

  it('never falls when impact rises', () => {
    fc.assert(
      fc.property(domainAndAction, inputs, fc.double({ min: 1, max: 1_000_000, noNaN: true }), ([domain, actionType], input, extra) => {
        const lower = calculateAps(domain, actionType, input, noHistory).aps;
        const higher = calculateAps(domain, actionType, { ...input, amount_usd: (input.amount_usd ?? 0) + extra }, noHistory).aps;
        return higher >= lower;
      }),
    );
  });

  it('never falls when urgency rises (a due date moves closer)', () => {
    fc.assert(
      fc.property(domainAndAction, inputs, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 30 }), ([domain, actionType], input, days, closer) => {
        const later = calculateAps(domain, actionType, { ...input, due_at: daysAhead(days) }, noHistory).aps;
        const sooner = calculateAps(domain, actionType, { ...input, due_at: daysAhead(days - closer) }, noHistory).aps;
        return sooner >= later;
      }),
    );
  });

  it('is deterministic, so ordering is stable for the same inputs and clock', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(domainAndAction, inputs), { minLength: 2, maxLength: 20 }), (moves) => {
        const score = () => moves.map(([[domain, actionType], input]) => calculateAps(domain, actionType, input, noHistory));
        expect(score()).toEqual(score());
        return true;
      }),
    );
  });
});
