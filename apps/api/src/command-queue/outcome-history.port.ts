import { Injectable } from '@nestjs/common';
import type { ActionType, Domain } from '@caseyos/contracts';
import type { ContactHistory, SuccessHistory } from './aps/score-inputs';

/**
 * How the queue learns from what happened after its moves without importing the outcomes
 * module (docs/APS.md, Learning): the scorer injects this token, the outcomes module plugs its
 * implementation into the socket at start-up. Until it does, every rate is the prior.
 */
export const OUTCOME_HISTORY = Symbol('OUTCOME_HISTORY');

export interface OutcomeHistoryPort {
  /** `fresh` reads past any cache: a rescoring pass must see the outcome that started it. */
  successHistory(domain: Domain, actionType: ActionType, options?: { fresh?: boolean }): Promise<SuccessHistory>;
  contactHistory(email: string): Promise<ContactHistory | null>;
}

export const noOutcomeHistory: OutcomeHistoryPort = {
  successHistory: async () => ({ successes: 0, observations: 0 }),
  contactHistory: async () => null,
};

/**
 * The queue's end of the port. The outcomes implementation reads executions through the
 * execution module, which depends on the queue: injecting it here would be a provider cycle,
 * so it is plugged in once everything is built instead (see OutcomesModule).
 */
@Injectable()
export class OutcomeHistorySocket implements OutcomeHistoryPort {
  private history: OutcomeHistoryPort = noOutcomeHistory;

  plugIn(history: OutcomeHistoryPort): void {
    this.history = history;
  }

  successHistory(domain: Domain, actionType: ActionType, options?: { fresh?: boolean }): Promise<SuccessHistory> {
    return this.history.successHistory(domain, actionType, options);
  }

  contactHistory(email: string): Promise<ContactHistory | null> {
    return this.history.contactHistory(email);
  }
}
