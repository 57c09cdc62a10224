import { APS_FACTORS, ActionType, ApsBreakdown, ApsFactor, Domain } from '@caseyos/contracts';
import { FactorValue, clamp01, effort, fit, formatDuration, formatUsd, impact, intent, urgency } from './factors';
import type { ContactHistory, ScoreInputs, ScoringContext, SuccessHistory } from './score-inputs';

/** How much a perfect success rate can lift a score: aps = base * (1 + rate * 0.3). */
const OUTCOME_LIFT = 0.3;
/** A contact's own history nudges the score by at most this much either way. */
const CONTACT_BOUNDS = { min: -0.1, max: 0.05 };

export interface ApsResult {
  aps: number;
  breakdown: ApsBreakdown;
  reasons: string[];
}

/** Pure: the same move, history and clock always give the same score, breakdown and reasons. */
export function calculateAps(domain: Domain, actionType: ActionType, inputs: ScoreInputs, context: ScoringContext): ApsResult {
  const { settings, now } = context;
  const values: Record<ApsFactor, FactorValue> = {
    impact: impact(inputs, settings),
    urgency: urgency(inputs, settings, now),
    intent: intent(inputs),
    fit: fit(inputs, settings),
    effort: effort(actionType, settings),
  };
  const weights = settings.weights[domain];
  const factors = APS_FACTORS.map((factor) => ({
    factor,
    value: round(values[factor].value),
    weight: weights[factor],
    contribution: round(values[factor].value * weights[factor]),
    explanation: values[factor].explanation,
  }));
  const base = clamp01(APS_FACTORS.reduce((sum, factor) => sum + values[factor].value * weights[factor], 0));

  const { alpha, beta } = settings.prior;
  const { successes, observations } = context.success;
  const successRate = (successes + alpha) / (observations + alpha + beta);
  const multiplier = 1 + successRate * OUTCOME_LIFT;
  const contact = contactAdjustment(context.contact);
  const final = clamp01(base * multiplier + contact.delta);

  return {
    aps: round(final),
    breakdown: {
      base: round(base),
      factors,
      outcome_adjustment: {
        success_rate: round(successRate),
        observations,
        multiplier: round(multiplier),
        note:
          observations === 0
            ? `No outcome history yet; prior success rate ${Math.round(successRate * 100)}%`
            : `${successes} of ${observations} ${actionType.replace(/_/g, ' ')} moves in ${domain} succeeded; smoothed rate ${Math.round(successRate * 100)}%`,
      },
      contact_adjustment: contact,
      final: round(final),
    },
    reasons: reasonsFor(inputs, values, factors, now, {
      sentence: learnedSentence(actionType, context.success),
      contribution: round(base * successRate * OUTCOME_LIFT),
    }),
  };
}

/** What the rate rests on, in words; nothing while the rate is the prior alone. */
function learnedSentence(actionType: ActionType, { successes, observations }: SuccessHistory): string | undefined {
  if (observations === 0) return undefined;
  const label = actionType.replace(/_/g, ' ');
  return `${label[0].toUpperCase()}${label.slice(1)} succeeded ${successes} of ${observations} time${observations === 1 ? '' : 's'}`;
}

function contactAdjustment(history: ContactHistory | null): { delta: number; note: string } {
  if (!history || history.positive_replies + history.negative_replies + history.no_responses === 0) {
    return { delta: 0, note: 'No recent history with this contact' };
  }
  const raw = history.positive_replies * 0.05 - history.negative_replies * 0.08 - history.no_responses * 0.04;
  const delta = round(Math.min(CONTACT_BOUNDS.max, Math.max(CONTACT_BOUNDS.min, raw)));
  const parts = [
    history.positive_replies && `${history.positive_replies} positive repl${history.positive_replies === 1 ? 'y' : 'ies'}`,
    history.negative_replies && `${history.negative_replies} negative repl${history.negative_replies === 1 ? 'y' : 'ies'}`,
    history.no_responses && `${history.no_responses} unanswered`,
  ].filter(Boolean);
  return { delta, note: `Last 30 days: ${parts.join(', ')}` };
}

/** Two or three plain sentences, strongest contribution first; the learned rate competes by the lift it gave. */
function reasonsFor(
  inputs: ScoreInputs,
  values: Record<ApsFactor, FactorValue>,
  factors: { factor: ApsFactor; contribution: number }[],
  now: Date,
  learned: { sentence: string | undefined; contribution: number },
): string[] {
  const sentences: Partial<Record<ApsFactor, string>> = {
    impact: inputs.amount_usd
      ? `${inputs.deal_stage ? 'Deal' : 'Account'} ${formatUsd(inputs.amount_usd)}${inputs.deal_stage ? ` in ${inputs.deal_stage}` : ' at stake'}`
      : undefined,
    urgency: urgencySentence(inputs, values.urgency, now),
    intent: inputs.signal_label && inputs.signal_at ? `${inputs.signal_label} ${formatDuration(now.getTime() - Date.parse(inputs.signal_at))} ago` : undefined,
    fit: values.fit.value >= 0.66 ? values.fit.explanation.replace('ICP match:', 'Strong ICP fit:') : undefined,
    effort: values.effort.value >= 0.8 ? 'Quick to do' : undefined,
  };
  const candidates = [
    ...factors.map((entry) => ({ key: entry.factor, sentence: sentences[entry.factor], contribution: entry.contribution })),
    { key: 'outcomes', ...learned },
  ];
  const ranked = candidates.sort((a, b) => b.contribution - a.contribution || a.key.localeCompare(b.key));
  const reasons = ranked.map((entry) => entry.sentence).filter((sentence): sentence is string => !!sentence);
  return [...new Set(reasons)].slice(0, 3);
}

function urgencySentence(inputs: ScoreInputs, value: FactorValue, now: Date): string | undefined {
  if (inputs.renewal_at && value.explanation.startsWith('Renewal')) {
    const idle = inputs.last_touch_at ? Math.round((now.getTime() - Date.parse(inputs.last_touch_at)) / 86_400_000) : null;
    return idle !== null ? `${value.explanation}, no touch for ${idle} days` : value.explanation;
  }
  if (value.explanation.startsWith('Due') || value.explanation.startsWith('Overdue') || value.explanation.startsWith('Account risk')) {
    return value.explanation;
  }
  return undefined;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
