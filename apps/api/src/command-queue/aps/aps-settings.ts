import { ACTION_TYPES, DOMAINS } from '@caseyos/contracts';
import type { ApsSettings } from './score-inputs';

/**
 * Default weights per domain (each set sums to 1), chosen for what moves revenue first:
 * - sales: money at stake and a live buyer matter most (impact .30, urgency .25, intent .25);
 *   fit and effort break ties (.10 each).
 * - marketing: reach and fit matter as much as timing, and cheap moves compound
 *   (impact .25, intent .20, fit .20, effort .20, urgency .15).
 * - cs: churn is time-bound; renewal proximity and account risk lead (urgency .35), then ARR
 *   at stake (impact .30), effort .20, intent .10, fit .05 (they are customers already).
 */
export const DEFAULT_APS_SETTINGS: ApsSettings = {
  weights: {
    sales: { impact: 0.3, urgency: 0.25, intent: 0.25, fit: 0.1, effort: 0.1 },
    marketing: { impact: 0.25, urgency: 0.15, intent: 0.2, fit: 0.2, effort: 0.2 },
    cs: { impact: 0.3, urgency: 0.35, intent: 0.1, fit: 0.05, effort: 0.2 },
  },
  icp: {
    employees: { min: 20, max: 1000 },
    industries: ['software', 'saas', 'fintech', 'ecommerce', 'marketplace'],
    seniorities: ['founder', 'c-level', 'vp', 'head', 'director'],
  },
  impactCapUsd: 500_000,
  signalHalfLifeHours: 24,
  prior: { alpha: 2, beta: 8 },
  // Relative cost of doing the move, 0 (trivial) .. 1 (a day of work).
  effortCost: {
    send_email: 0.2,
    create_task: 0.1,
    book_meeting: 0.3,
    content_repurpose: 0.5,
    social_post: 0.3,
    newsletter_draft: 0.6,
    asset_create: 0.8,
    cs_health_check: 0.3,
    renewal_outreach: 0.3,
    risk_escalation: 0.4,
    onboarding_follow_up: 0.2,
  },
};

/** Fails fast on a weight set that does not sum to 1 or a missing effort cost. */
export function validateApsSettings(settings: ApsSettings): ApsSettings {
  for (const domain of DOMAINS) {
    const weights = settings.weights[domain];
    const sum = Object.values(weights).reduce((total, weight) => total + weight, 0);
    if (Math.abs(sum - 1) > 1e-6) throw new Error(`APS weights for ${domain} sum to ${sum.toFixed(3)}, not 1`);
    if (Object.values(weights).some((weight) => weight < 0)) throw new Error(`APS weights for ${domain} must not be negative`);
  }
  for (const actionType of ACTION_TYPES) {
    const cost = settings.effortCost[actionType];
    if (cost === undefined || cost < 0 || cost > 1) throw new Error(`APS effort cost for ${actionType} must be in [0, 1]`);
  }
  return settings;
}
