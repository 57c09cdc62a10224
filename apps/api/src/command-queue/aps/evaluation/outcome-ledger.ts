import type { ActionType, Domain } from '@caseyos/contracts';
import { DAY_MS } from '../../../platform/clock/clock';
import type { ContactHistory, SuccessHistory } from '../score-inputs';
import type { OutcomeKind } from './simulated-history';

export interface RecordedOutcome {
  domain: Domain;
  actionType: ActionType;
  contactEmail: string;
  kind: OutcomeKind;
  detectedAt: number;
}

/** The answers of the OutcomeHistoryPort at one moment, synchronous because the replay is. */
export interface OutcomeHistoryView {
  successHistory(domain: Domain, actionType: ActionType): SuccessHistory;
  contactHistory(email: string): ContactHistory | null;
}

/** Contact history covers this window, as the calculator's contact adjustment assumes. */
const CONTACT_WINDOW_MS = 30 * DAY_MS;

/** Outcomes of the simulated executions, read back the way production will feed the scorer. */
export class OutcomeLedger {
  private readonly outcomes: RecordedOutcome[] = [];

  record(outcome: RecordedOutcome): void {
    this.outcomes.push(outcome);
  }

  /** Only outcomes detected by `now` count: a ranker never sees an outcome before it happens. */
  asOf(now: number): OutcomeHistoryView {
    const success = new Map<string, SuccessHistory>();
    const contacts = new Map<string, ContactHistory>();
    for (const outcome of this.outcomes) {
      if (outcome.detectedAt > now) continue;
      const key = successKey(outcome.domain, outcome.actionType);
      const rate = success.get(key) ?? { successes: 0, observations: 0 };
      success.set(key, {
        successes: rate.successes + (outcome.kind === 'success' ? 1 : 0),
        observations: rate.observations + 1,
      });
      if (outcome.detectedAt <= now - CONTACT_WINDOW_MS) continue;
      const contact = contacts.get(outcome.contactEmail) ?? { positive_replies: 0, negative_replies: 0, no_responses: 0 };
      contacts.set(outcome.contactEmail, {
        positive_replies: contact.positive_replies + (outcome.kind === 'success' ? 1 : 0),
        negative_replies: contact.negative_replies + (outcome.kind === 'negative_reply' ? 1 : 0),
        no_responses: contact.no_responses + (outcome.kind === 'no_response' ? 1 : 0),
      });
    }
    return {
      successHistory: (domain, actionType) => success.get(successKey(domain, actionType)) ?? { successes: 0, observations: 0 },
      contactHistory: (email) => contacts.get(email) ?? null,
    };
  }
}

const successKey = (domain: Domain, actionType: ActionType) => `${domain}:${actionType}`;
