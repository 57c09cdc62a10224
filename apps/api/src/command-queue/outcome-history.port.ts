import { Injectable } from '@nestjs/common';
import type { ActionType, Domain } from '@caseyos/contracts';
import type { ContactHistory, SuccessHistory } from './aps/score-inputs';

/**
 * How the queue learns from what happened after its moves without importing the outcomes
 * module (docs/APS.md, Learning): the scorer and the accounts inject this token, the outcomes
 * module plugs its implementation into the socket at start-up. Until it does, every rate is
 * the prior and accounts have only their stored facts.
 */
export const OUTCOME_HISTORY = Symbol('OUTCOME_HISTORY');

/** Account activity covers this many days up to now (the CS risk score's negative replies and deal regressions). */
export const ACCOUNT_ACTIVITY_DAYS = 90;

/** What CaseyOS itself saw of an account: its last touch, and the trouble of the last ACCOUNT_ACTIVITY_DAYS. */
export interface AccountActivity {
  lastTouchAt: Date | null;
  negativeReplies: number;
  dealRegressions: number;
}

export interface OutcomeHistoryPort {
  /** `fresh` reads past any cache: a rescoring pass must see the outcome that started it. */
  successHistory(domain: Domain, actionType: ActionType, options?: { fresh?: boolean }): Promise<SuccessHistory>;
  contactHistory(email: string): Promise<ContactHistory | null>;
  accountActivity(company: string): Promise<AccountActivity>;
}

export const noOutcomeHistory: OutcomeHistoryPort = {
  successHistory: async () => ({ successes: 0, observations: 0 }),
  contactHistory: async () => null,
  accountActivity: async () => ({ lastTouchAt: null, negativeReplies: 0, dealRegressions: 0 }),
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

  accountActivity(company: string): Promise<AccountActivity> {
    return this.history.accountActivity(company);
  }
}
