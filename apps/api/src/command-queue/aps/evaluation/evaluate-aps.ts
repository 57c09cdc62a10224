import { DAY_MS } from '../../../platform/clock/clock';
import { calculateAps } from '../aps-calculator';
import { DEFAULT_APS_SETTINGS } from '../aps-settings';
import type { ApsSettings } from '../score-inputs';
import { OutcomeHistoryView, OutcomeLedger } from './outcome-ledger';
import { ndcgAtK, precisionAtK } from './ranking-metrics';
import { SimulatedHistory, SimulatedMove, outcomeOf } from './simulated-history';

/** Both the moves executed each day and the cut-off of the metrics. */
export const TOP_K = 10;
/** Precision counts a move as relevant when it is more likely to succeed than not. */
export const RELEVANT_PROPENSITY = 0.5;
/** Days left out of the headline summary while the learned history fills. */
export const WARM_UP_DAYS = 30;
/** A move nobody executed within a week is stale and leaves the queue. */
const MOVE_LIFETIME_MS = 7 * DAY_MS;
/** Each simulated day is ranked at 09:00 UTC, starting Monday 5 January 2026. */
const FIRST_MORNING = Date.UTC(2026, 0, 5, 9);

export interface EvaluationOptions {
  seed: number;
  days: number;
  settings?: ApsSettings;
}

export const DEFAULT_EVALUATION: EvaluationOptions = { seed: 42, days: 90 };

/** What one ranking did on one morning, judged on the queue it faced. */
export interface RankingDay {
  candidates: number;
  ndcg: number;
  precision: number;
  /** Realized successes among the top k it executed. */
  successes: number;
}

export interface DayFigures {
  day: number;
  /** The simulated morning the queues were ranked, ISO 8601 UTC. */
  rankedAt: string;
  learned: RankingDay;
  static: RankingDay;
}

export interface RankingSummary {
  ndcg: number;
  precision: number;
  successes: number;
}

export interface PeriodSummary {
  fromDay: number;
  toDay: number;
  learned: RankingSummary;
  static: RankingSummary;
}

export interface Evaluation {
  days: DayFigures[];
  overall: PeriodSummary;
  /** The days after the warm-up; null when the run is not longer than the warm-up. */
  afterWarmUp: PeriodSummary | null;
}

/**
 * Replays one simulated history twice with the real calculator: "learned" scores with the
 * success and contact history of the outcomes detected so far, "static" with none. Each
 * morning a ranking executes its top k, as the queue's user would, so each replay keeps its
 * own queue; the arrivals and the outcome of any given move are the same in both.
 */
export function evaluateAps(options: EvaluationOptions): Evaluation {
  const settings = options.settings ?? DEFAULT_APS_SETTINGS;
  const history = new SimulatedHistory(options.seed);
  const mornings = Array.from({ length: options.days }, (_, index) => FIRST_MORNING + index * DAY_MS);
  const arrivals = mornings.map((now) => history.arrivals(now - DAY_MS, now));
  const learned = replay(mornings, arrivals, settings, new OutcomeLedger());
  const fixed = replay(mornings, arrivals, settings, null);
  const days = mornings.map((now, index) => ({
    day: index + 1,
    rankedAt: new Date(now).toISOString(),
    learned: learned[index],
    static: fixed[index],
  }));
  return {
    days,
    overall: summarize(days),
    afterWarmUp: options.days > WARM_UP_DAYS ? summarize(days.slice(WARM_UP_DAYS)) : null,
  };
}

/** One ranking's days; it learns from its own executions when given a ledger. */
function replay(mornings: number[], arrivals: SimulatedMove[][], settings: ApsSettings, ledger: OutcomeLedger | null): RankingDay[] {
  let queue: SimulatedMove[] = [];
  return mornings.map((now, index) => {
    queue = [...queue.filter((move) => move.arrivedAt > now - MOVE_LIFETIME_MS), ...arrivals[index]];
    const ranked = rank(queue, settings, now, ledger?.asOf(now) ?? null);
    const executed = ranked.slice(0, TOP_K);
    let successes = 0;
    for (const move of executed) {
      const outcome = outcomeOf(move, now);
      if (outcome.kind === 'success') successes++;
      ledger?.record({ domain: move.domain, actionType: move.actionType, contactEmail: move.contactEmail, executedAt: now, outcome });
    }
    queue = ranked.slice(TOP_K);
    return {
      candidates: ranked.length,
      ndcg: ndcgAtK(
        ranked.map((move) => move.propensity),
        TOP_K,
      ),
      precision: precisionAtK(
        ranked.map((move) => move.propensity >= RELEVANT_PROPENSITY),
        TOP_K,
      ),
      successes,
    };
  });
}

/** Scores every move and orders them as the Today list does: aps, then due date, arrival, id. */
function rank(queue: SimulatedMove[], settings: ApsSettings, now: number, outcomes: OutcomeHistoryView | null): SimulatedMove[] {
  const scored = queue.map((move) => ({
    move,
    aps: calculateAps(move.domain, move.actionType, move.inputs, {
      now: new Date(now),
      settings,
      success: outcomes?.successHistory(move.domain, move.actionType) ?? { successes: 0, observations: 0 },
      contact: outcomes?.contactHistory(move.contactEmail) ?? null,
    }).aps,
    due: move.inputs.due_at ? Date.parse(move.inputs.due_at) : Infinity,
  }));
  scored.sort((a, b) => b.aps - a.aps || a.due - b.due || a.move.arrivedAt - b.move.arrivedAt || a.move.id.localeCompare(b.move.id));
  return scored.map((entry) => entry.move);
}

function summarize(days: DayFigures[]): PeriodSummary {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const summaryOf = (ranking: RankingDay[]): RankingSummary => ({
    ndcg: mean(ranking.map((day) => day.ndcg)),
    precision: mean(ranking.map((day) => day.precision)),
    successes: ranking.reduce((sum, day) => sum + day.successes, 0),
  });
  return {
    fromDay: days[0].day,
    toDay: days[days.length - 1].day,
    learned: summaryOf(days.map((day) => day.learned)),
    static: summaryOf(days.map((day) => day.static)),
  };
}
