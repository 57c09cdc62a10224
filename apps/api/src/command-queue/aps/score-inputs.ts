import type { ActionType, Domain } from '@caseyos/contracts';

/** What a move knows about itself when it is scored; stored with the item so it can be rescored. */
export interface ScoreInputs {
  /** Deal amount or ARR at stake, in US dollars. */
  amount_usd?: number | null;
  deal_stage?: string | null;
  due_at?: string | null;
  renewal_at?: string | null;
  last_touch_at?: string | null;
  /** When the triggering signal arrived, and what it was ("Demo request"). */
  signal_at?: string | null;
  signal_label?: string | null;
  /** Strength of the triggering signal, 0..1. */
  intent?: number | null;
  /** CS account risk 0..100, when the move concerns a customer account. */
  account_risk?: number | null;
  firmographics?: { employees?: number | null; industry?: string | null; seniority?: string | null } | null;
}

/** Outcome history of this action type in this domain. */
export interface SuccessHistory {
  successes: number;
  observations: number;
}

/** A contact's recent outcomes (last 30 days). */
export interface ContactHistory {
  positive_replies: number;
  negative_replies: number;
  no_responses: number;
}

export interface IdealCustomerProfile {
  employees: { min: number; max: number };
  industries: string[];
  seniorities: string[];
}

export interface ApsSettings {
  weights: Record<Domain, Record<'impact' | 'urgency' | 'intent' | 'fit' | 'effort', number>>;
  icp: IdealCustomerProfile;
  /** Amount at which impact saturates at 1. */
  impactCapUsd: number;
  /** Signal freshness halves every this many hours. */
  signalHalfLifeHours: number;
  /** Beta prior of the success rate: alpha successes, beta failures (prior mean alpha/(alpha+beta)). */
  prior: { alpha: number; beta: number };
  effortCost: Record<ActionType, number>;
}

export interface ScoringContext {
  now: Date;
  settings: ApsSettings;
  success: SuccessHistory;
  contact: ContactHistory | null;
}
