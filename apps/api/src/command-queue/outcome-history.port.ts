import type { ActionType, Domain } from '@caseyos/contracts';
import type { ContactHistory, SuccessHistory } from './aps/score-inputs';

/**
 * How the queue learns from outcomes without importing the outcomes module: outcomes
 * provides this token. Until it does, every rate is the prior.
 */
export const OUTCOME_HISTORY = Symbol('OUTCOME_HISTORY');

export interface OutcomeHistoryPort {
  successHistory(domain: Domain, actionType: ActionType): Promise<SuccessHistory>;
  contactHistory(email: string): Promise<ContactHistory | null>;
}

export const noOutcomeHistory: OutcomeHistoryPort = {
  successHistory: async () => ({ successes: 0, observations: 0 }),
  contactHistory: async () => null,
};
