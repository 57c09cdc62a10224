import {
  ACTION_TYPES_BY_DOMAIN,
  ActionType,
  DOMAINS,
  Domain,
  EMAIL_ACTION_TYPES,
  MEETING_OUTCOMES,
  OutcomeFigures,
  OutcomeStatsRow,
  OutcomeType,
  REPLY_OUTCOMES,
  SUCCESS_OUTCOMES,
} from '@caseyos/contracts';
import { HOUR_MS } from '../platform/clock/clock';
import type { OutcomeFact } from './outcome-records';

/** A succeeded execution, as the stats measure it. */
export interface MeasuredExecution {
  id: string;
  domain: Domain;
  actionType: ActionType;
  startedAt: Date;
  finishedAt: Date;
}

const REPLY_WINDOW_MS = 24 * HOUR_MS;
/** Deal outcomes that add pipeline value (a created deal is counted by its later moves). */
const PIPELINE_GAINS: readonly OutcomeType[] = ['deal_advanced', 'deal_won'];

export const DOMAIN_OF: Readonly<Record<ActionType, Domain>> = Object.fromEntries(
  DOMAINS.flatMap((domain) => ACTION_TYPES_BY_DOMAIN[domain].map((actionType) => [actionType, domain])),
) as Record<ActionType, Domain>;

/** Each execution's outcomes; executions without any get none. */
export function outcomesByExecution(outcomes: readonly OutcomeFact[]): Map<string, OutcomeFact[]> {
  const byExecution = new Map<string, OutcomeFact[]>();
  for (const outcome of outcomes) {
    const list = byExecution.get(outcome.executionId);
    if (list) list.push(outcome);
    else byExecution.set(outcome.executionId, [outcome]);
  }
  return byExecution;
}

export const hasAny = (outcomes: readonly OutcomeFact[], types: readonly OutcomeType[]) => outcomes.some((outcome) => types.includes(outcome.outcomeType));

/** From the execution's finish to its first reply (a reply recorded a moment before the finish counts as 0), or null. */
export function replyDelayMs(execution: MeasuredExecution, outcomes: readonly OutcomeFact[]): number | null {
  const replies = outcomes.filter((outcome) => REPLY_OUTCOMES.includes(outcome.outcomeType)).map((outcome) => outcome.detectedAt.getTime());
  return replies.length === 0 ? null : Math.max(0, Math.min(...replies) - execution.finishedAt.getTime());
}

/** Adds executions up into figures; one per action type and one for the totals. */
class FiguresTally {
  private executions = 0;
  private readonly outcomes: Partial<Record<OutcomeType, number>> = {};
  private successes = 0;
  private emailExecutions = 0;
  private repliedWithin24h = 0;
  private meetings = 0;
  private readonly replyDelays: number[] = [];
  /** Each deal moved forward once, at its latest amount. */
  private readonly dealsMoved = new Map<string, { at: number; amountUsd: number }>();

  add(execution: MeasuredExecution, outcomes: readonly OutcomeFact[]): void {
    this.executions += 1;
    for (const outcome of outcomes) this.outcomes[outcome.outcomeType] = (this.outcomes[outcome.outcomeType] ?? 0) + 1;
    if (hasAny(outcomes, SUCCESS_OUTCOMES[execution.actionType])) this.successes += 1;
    if (hasAny(outcomes, MEETING_OUTCOMES)) this.meetings += 1;
    const delay = replyDelayMs(execution, outcomes);
    if (delay !== null) this.replyDelays.push(delay);
    if (EMAIL_ACTION_TYPES.includes(execution.actionType)) {
      this.emailExecutions += 1;
      if (delay !== null && delay <= REPLY_WINDOW_MS) this.repliedWithin24h += 1;
    }
    for (const outcome of outcomes) {
      if (!outcome.deal || !PIPELINE_GAINS.includes(outcome.outcomeType)) continue;
      const seen = this.dealsMoved.get(outcome.deal.id);
      if (!seen || seen.at < outcome.detectedAt.getTime())
        this.dealsMoved.set(outcome.deal.id, { at: outcome.detectedAt.getTime(), amountUsd: outcome.deal.amountUsd });
    }
  }

  figures(): OutcomeFigures {
    const middleDelay = median(this.replyDelays);
    return {
      executions: this.executions,
      outcomes: this.outcomes,
      successes: this.successes,
      success_rate: rate(this.successes, this.executions),
      email_executions: this.emailExecutions,
      replied_within_24h: this.repliedWithin24h,
      reply_rate_24h: rate(this.repliedWithin24h, this.emailExecutions),
      meetings: this.meetings,
      meeting_rate: rate(this.meetings, this.executions),
      median_seconds_to_reply: middleDelay === null ? null : Math.round(middleDelay / 1000),
      net_impact_usd: [...this.dealsMoved.values()].reduce((sum, deal) => sum + deal.amountUsd, 0),
    };
  }
}

/** The figures of each action type (zeros included) and of all of them, over these executions and their outcomes. */
export function statsOf(
  actionTypes: readonly ActionType[],
  executions: readonly MeasuredExecution[],
  outcomes: readonly OutcomeFact[],
): { rows: OutcomeStatsRow[]; totals: OutcomeFigures } {
  const byExecution = outcomesByExecution(outcomes);
  const tallies = new Map(actionTypes.map((actionType) => [actionType, new FiguresTally()]));
  const totals = new FiguresTally();
  for (const execution of executions) {
    const own = byExecution.get(execution.id) ?? [];
    tallies.get(execution.actionType)?.add(execution, own);
    totals.add(execution, own);
  }
  return {
    rows: actionTypes.map((actionType) => ({
      domain: DOMAIN_OF[actionType],
      action_type: actionType,
      ...(tallies.get(actionType) ?? new FiguresTally()).figures(),
    })),
    totals: totals.figures(),
  };
}

/** A share to four decimals; null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
