import type { ActionType, Domain, OutcomeType } from '@caseyos/contracts';
import { HOUR_MS } from '../../../platform/clock/clock';
import { ObservedExecution, contactHistoryOf, successHistoryOf } from '../learned-history';
import type { ContactHistory, SuccessHistory } from '../score-inputs';
import type { OutcomeKind } from './simulated-history';

export interface ExecutedMove {
  domain: Domain;
  actionType: ActionType;
  contactEmail: string;
  executedAt: number;
  outcome: { kind: OutcomeKind; detectedAt: number };
}

/** The answers of the OutcomeHistoryPort at one moment, synchronous because the replay is. */
export interface OutcomeHistoryView {
  successHistory(domain: Domain, actionType: ActionType): SuccessHistory;
  contactHistory(email: string): ContactHistory | null;
}

/** The production default (OUTCOME_ATTRIBUTION_WINDOW_HOURS): silence this long is a failure. */
const ATTRIBUTION_WINDOW_MS = 72 * HOUR_MS;

/** The outcome a detector records for a simulated success: a positive reply, an accepted meeting, a task done, a post published. */
const SUCCESS_RECORDED_AS: Record<ActionType, OutcomeType> = {
  send_email: 'positive_reply',
  renewal_outreach: 'positive_reply',
  onboarding_follow_up: 'positive_reply',
  book_meeting: 'meeting_booked',
  create_task: 'task_completed',
  risk_escalation: 'task_completed',
  cs_health_check: 'task_completed',
  content_repurpose: 'content_published',
  social_post: 'content_published',
  newsletter_draft: 'content_published',
  asset_create: 'content_published',
};

/**
 * The simulated executions and their outcomes, read back through the same definitions as the
 * production port (learned-history.ts), with the production attribution window.
 */
export class OutcomeLedger {
  private readonly executed: ExecutedMove[] = [];

  record(move: ExecutedMove): void {
    this.executed.push(move);
  }

  /** What the port would answer at `now`: nothing detected later is seen. */
  asOf(now: number): OutcomeHistoryView {
    const byPair = new Map<string, ObservedExecution[]>();
    const byContact = new Map<string, { outcomeType: OutcomeType; detectedAt: number }[]>();
    for (const move of this.executed) {
      const outcome = {
        outcomeType: move.outcome.kind === 'success' ? SUCCESS_RECORDED_AS[move.actionType] : move.outcome.kind,
        detectedAt: move.outcome.detectedAt,
      };
      listIn(byPair, pairKey(move.domain, move.actionType)).push({ finishedAt: move.executedAt, outcomes: [outcome] });
      listIn(byContact, move.contactEmail).push(outcome);
    }
    const success = new Map<string, SuccessHistory>();
    const contacts = new Map<string, ContactHistory>();
    return {
      successHistory: (domain, actionType) => {
        const key = pairKey(domain, actionType);
        if (!success.has(key)) success.set(key, successHistoryOf(actionType, byPair.get(key) ?? [], now, ATTRIBUTION_WINDOW_MS));
        return success.get(key)!;
      },
      contactHistory: (email) => {
        const outcomes = byContact.get(email);
        if (!outcomes) return null;
        if (!contacts.has(email)) contacts.set(email, contactHistoryOf(outcomes, now));
        return contacts.get(email)!;
      },
    };
  }
}

const pairKey = (domain: Domain, actionType: ActionType) => `${domain}:${actionType}`;

function listIn<T>(lists: Map<string, T[]>, key: string): T[] {
  const list = lists.get(key) ?? [];
  lists.set(key, list);
  return list;
}
