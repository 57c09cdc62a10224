import { ActionType, MANUAL_OUTCOME_TYPES, OutcomeType, SUCCESS_OUTCOMES } from '@caseyos/contracts';
import { DAY_MS } from '../../platform/clock/clock';
import type { ContactHistory, SuccessHistory } from './score-inputs';

/**
 * What the OUTCOME_HISTORY port answers, defined once: the outcomes module applies these to the
 * database, the evaluation harness to its simulated history, so the two cannot drift.
 */

/** A contact's history covers this window, as the calculator's contact adjustment assumes. */
export const CONTACT_HISTORY_WINDOW_MS = 30 * DAY_MS;

/** Outcome types a contact's history counts; every other type leaves it alone. */
export const CONTACT_HISTORY_OUTCOMES: readonly OutcomeType[] = ['positive_reply', 'negative_reply', 'no_response'];

/**
 * When success can only be recorded by hand (a draft asset published), silence after the
 * attribution window says little; a draft nobody published within this long did not work.
 */
export const HAND_RECORDED_SUCCESS_WINDOW_MS = 14 * DAY_MS;

/** Instants are epoch milliseconds. */
export interface LearnedOutcome {
  outcomeType: OutcomeType;
  detectedAt: number;
}

/** A real (not dry-run) execution that succeeded, with the outcomes attributed to it. */
export interface ObservedExecution {
  finishedAt: number;
  outcomes: readonly LearnedOutcome[];
}

/**
 * Successes and observations of one action type. An execution is observed once its outcome is
 * known: an outcome of it was detected by `now`, or its window has closed (silence is a failure;
 * a late success still counts when it comes): the attribution window, or
 * HAND_RECORDED_SUCCESS_WINDOW_MS for a type whose success only a person records. It succeeded
 * when one of the type's SUCCESS_OUTCOMES was detected by `now`.
 */
export function successHistoryOf(actionType: ActionType, executions: readonly ObservedExecution[], now: number, attributionWindowMs: number): SuccessHistory {
  const successTypes = SUCCESS_OUTCOMES[actionType];
  const windowMs = successTypes.every((type) => MANUAL_OUTCOME_TYPES.includes(type)) ? HAND_RECORDED_SUCCESS_WINDOW_MS : attributionWindowMs;
  let successes = 0;
  let observations = 0;
  for (const execution of executions) {
    const detected = execution.outcomes.filter((outcome) => outcome.detectedAt <= now);
    if (detected.length === 0 && execution.finishedAt + windowMs > now) continue;
    observations++;
    if (detected.some((outcome) => successTypes.includes(outcome.outcomeType))) successes++;
  }
  return { successes, observations };
}

/** A contact's positive replies, negative replies and unanswered messages detected in the 30 days up to `now`. */
export function contactHistoryOf(outcomes: readonly LearnedOutcome[], now: number): ContactHistory {
  const recent = outcomes.filter((outcome) => outcome.detectedAt <= now && outcome.detectedAt > now - CONTACT_HISTORY_WINDOW_MS);
  const count = (type: OutcomeType) => recent.filter((outcome) => outcome.outcomeType === type).length;
  return { positive_replies: count('positive_reply'), negative_replies: count('negative_reply'), no_responses: count('no_response') };
}
