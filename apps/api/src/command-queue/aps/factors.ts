import type { ActionType } from '@caseyos/contracts';
import { DAY_MS, HOUR_MS } from '../../platform/clock/clock';
import type { ApsSettings, ScoreInputs } from './score-inputs';

/** Each factor maps inputs to [0, 1] and says in words what it saw. */
export interface FactorValue {
  value: number;
  explanation: string;
}

export const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Floor for a move with nothing at stake recorded: small, but never below a known amount. */
const IMPACT_FLOOR = 0.1;

/** Money at stake, log-scaled so $5k vs $50k matters as much as $50k vs $500k. */
export function impact(inputs: ScoreInputs, settings: ApsSettings): FactorValue {
  const amount = inputs.amount_usd ?? 0;
  if (amount <= 0) return { value: IMPACT_FLOOR, explanation: 'No amount at stake recorded' };
  const scaled = clamp01(Math.log10(1 + amount) / Math.log10(1 + settings.impactCapUsd));
  const value = IMPACT_FLOOR + (1 - IMPACT_FLOOR) * scaled;
  return { value, explanation: `${formatUsd(amount)} at stake` };
}

/**
 * Time pressure: the strongest of due date, renewal date, signal freshness and account risk.
 * Each decays by halves, so "due in 2 days" is still pressing and "due in 3 weeks" is not.
 */
export function urgency(inputs: ScoreInputs, settings: ApsSettings, now: Date): FactorValue {
  const candidates: FactorValue[] = [];
  const due = time(inputs.due_at);
  if (due !== null) {
    const hours = (due - now.getTime()) / HOUR_MS;
    candidates.push(
      hours <= 0
        ? { value: 1, explanation: `Overdue by ${formatDuration(-hours * HOUR_MS)}` }
        : { value: 0.5 ** (hours / 24), explanation: `Due in ${formatDuration(hours * HOUR_MS)}` },
    );
  }
  const renewal = time(inputs.renewal_at);
  if (renewal !== null) {
    const days = Math.max(0, (renewal - now.getTime()) / DAY_MS);
    candidates.push({ value: 0.5 ** (days / 30), explanation: `Renewal in ${Math.round(days)} days` });
  }
  const signal = time(inputs.signal_at);
  if (signal !== null) {
    const ageHours = Math.max(0, (now.getTime() - signal) / HOUR_MS);
    candidates.push({
      value: 0.5 ** (ageHours / settings.signalHalfLifeHours),
      explanation: `Signal ${formatDuration(ageHours * HOUR_MS)} old`,
    });
  }
  if (inputs.account_risk !== null && inputs.account_risk !== undefined) {
    candidates.push({ value: clamp01(inputs.account_risk / 100), explanation: `Account risk ${Math.round(inputs.account_risk)}/100` });
  }
  if (candidates.length === 0) return { value: 0.2, explanation: 'No deadline or fresh signal' };
  return candidates.reduce((strongest, candidate) => (candidate.value > strongest.value ? candidate : strongest));
}

/** Strength of the triggering signal as recorded by the signal processor. */
export function intent(inputs: ScoreInputs): FactorValue {
  if (inputs.intent === null || inputs.intent === undefined) return { value: 0.3, explanation: 'No triggering signal' };
  return { value: clamp01(inputs.intent), explanation: `${inputs.signal_label ?? 'Signal'} (strength ${inputs.intent.toFixed(2)})` };
}

/** Share of the ideal-customer criteria met; unknown firmographics count as half a match. */
export function fit(inputs: ScoreInputs, settings: ApsSettings): FactorValue {
  const { icp } = settings;
  const facts = inputs.firmographics ?? {};
  const checks: { known: boolean; met: boolean; label: string }[] = [
    {
      known: typeof facts.employees === 'number',
      met: typeof facts.employees === 'number' && facts.employees >= icp.employees.min && facts.employees <= icp.employees.max,
      label: `${facts.employees} employees`,
    },
    {
      known: !!facts.industry,
      met: !!facts.industry && icp.industries.includes(facts.industry.toLowerCase()),
      label: `${facts.industry}`,
    },
    {
      known: !!facts.seniority,
      met: !!facts.seniority && icp.seniorities.includes(facts.seniority.toLowerCase()),
      label: `${facts.seniority}`,
    },
  ];
  const value = checks.reduce((sum, check) => sum + (check.known ? (check.met ? 1 : 0) : 0.5), 0) / checks.length;
  const matched = checks.filter((check) => check.met).map((check) => check.label);
  const explanation =
    matched.length > 0 ? `ICP match: ${matched.join(', ')}` : checks.some((c) => c.known) ? 'Outside the ideal customer profile' : 'Firmographics unknown';
  return { value, explanation };
}

/** Cheap moves rank higher, all else equal. */
export function effort(actionType: ActionType, settings: ApsSettings): FactorValue {
  const cost = settings.effortCost[actionType];
  return {
    value: clamp01(1 - cost),
    explanation: `${actionType.replace(/_/g, ' ')} costs ${cost <= 0.2 ? 'minutes' : cost <= 0.5 ? 'under an hour' : 'hours'}`,
  };
}

function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export function formatUsd(amount: number): string {
  if (amount >= 1_000_000) return `$${(amount / 1_000_000).toFixed(amount % 1_000_000 === 0 ? 0 : 1)}M`;
  if (amount >= 1000) return `$${Math.round(amount / 1000)}k`;
  return `$${Math.round(amount)}`;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 0)} min`;
  const hours = Math.round(ms / HOUR_MS);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(ms / DAY_MS)} days`;
}
