import type { AccountHealth } from '@caseyos/contracts';
import { DAY_MS } from '../platform/clock/clock';
import { ACCOUNT_ACTIVITY_DAYS, AccountActivity } from './account-activity.port';

export interface AccountFacts {
  company: string;
  renewalAt: Date | null;
  lastTouchAt: Date | null;
  negativeReplies90d: number;
  dealRegressions90d: number;
}

/**
 * The stored facts (the demo seed, or what was known before CaseyOS saw the account) joined with
 * the activity CaseyOS recorded itself: the later touch, and the trouble of both added up, since
 * the stored counts stand for replies and regressions CaseyOS has no record of.
 */
export function withActivity(stored: AccountFacts, activity: AccountActivity): AccountFacts {
  const touches = [stored.lastTouchAt, activity.lastTouchAt].filter((at): at is Date => at !== null);
  return {
    ...stored,
    lastTouchAt: touches.length === 0 ? null : new Date(Math.max(...touches.map((at) => at.getTime()))),
    negativeReplies90d: stored.negativeReplies90d + activity.negativeReplies,
    dealRegressions90d: stored.dealRegressions90d + activity.dealRegressions,
  };
}

/**
 * CS risk 0-100 from four parts with fixed maxima, so each part's share is readable:
 * silence (40), negative replies (25), deal regressions (20), renewal proximity (15).
 */
export function accountHealth(facts: AccountFacts, now: Date): AccountHealth {
  const idleDays = facts.lastTouchAt ? Math.max(0, (now.getTime() - facts.lastTouchAt.getTime()) / DAY_MS) : null;
  const renewalDays = facts.renewalAt ? (facts.renewalAt.getTime() - now.getTime()) / DAY_MS : null;
  const parts = [
    {
      factor: 'days_since_last_touch',
      max_points: 40,
      points: idleDays === null ? 40 : Math.min(40, (idleDays / 60) * 40),
      detail: idleDays === null ? 'Never touched' : `${Math.round(idleDays)} days since the last touch`,
    },
    {
      factor: 'negative_replies',
      max_points: 25,
      points: Math.min(25, facts.negativeReplies90d * 10),
      detail: `${facts.negativeReplies90d} negative repl${facts.negativeReplies90d === 1 ? 'y' : 'ies'} in ${ACCOUNT_ACTIVITY_DAYS} days`,
    },
    {
      factor: 'deal_regressions',
      max_points: 20,
      points: Math.min(20, facts.dealRegressions90d * 10),
      detail: `${facts.dealRegressions90d} deal regression${facts.dealRegressions90d === 1 ? '' : 's'} in ${ACCOUNT_ACTIVITY_DAYS} days`,
    },
    {
      factor: 'renewal_proximity',
      max_points: 15,
      points: renewalDays === null || renewalDays > 90 ? 0 : 15 * (1 - Math.max(0, renewalDays) / 90),
      detail: renewalDays === null ? 'No renewal date' : renewalDays < 0 ? 'Renewal date passed' : `Renewal in ${Math.round(renewalDays)} days`,
    },
  ].map((part) => ({ ...part, points: Math.round(part.points * 10) / 10 }));
  const score = Math.round(parts.reduce((sum, part) => sum + part.points, 0));
  return {
    company: facts.company,
    risk_score: score,
    level: score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low',
    parts,
    renewal_at: facts.renewalAt?.toISOString() ?? null,
    last_touch_at: facts.lastTouchAt?.toISOString() ?? null,
  };
}
