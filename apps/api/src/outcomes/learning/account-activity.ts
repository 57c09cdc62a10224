import type { OutcomeType } from '@caseyos/contracts';
import type { AccountActivity } from '../../accounts/account-activity.port';
import type { SignalFact } from '../../signals/signals.service';

/** An outcome of one of the account's moves, with the signal it was detected from (none when recorded by hand). */
export interface AccountOutcome {
  outcomeType: OutcomeType;
  signalId: string | null;
}

/** The contact reaching us: a form, a Gmail reply (not an auto-reply or a bounce), a Calendar answer. */
function isTouch(signal: SignalFact): boolean {
  return signal.source === 'form' || signal.source === 'calendar' || (signal.source === 'gmail' && signal.kind.startsWith('reply_'));
}

/**
 * An account's activity from what CaseyOS recorded: the last touch is the later of our latest
 * succeeded execution and their latest touching signal. Negative replies and deal regressions
 * are the Gmail and HubSpot signals saying so, plus outcomes of the same type with no signal
 * among them (recorded by hand, or from a signal outside the read): a signal and the outcome
 * detected from it are one event.
 */
export function accountActivityOf(lastExecutionAt: Date | null, signals: readonly SignalFact[], outcomes: readonly AccountOutcome[]): AccountActivity {
  const touches = [lastExecutionAt?.getTime() ?? null, ...signals.filter(isTouch).map((signal) => signal.receivedAt.getTime())].filter(
    (at): at is number => at !== null,
  );
  const signalIds = new Set(signals.map((signal) => signal.id));
  const count = (source: SignalFact['source'], kind: string, outcomeType: OutcomeType) =>
    signals.filter((signal) => signal.source === source && signal.kind === kind).length +
    outcomes.filter((outcome) => outcome.outcomeType === outcomeType && !(outcome.signalId && signalIds.has(outcome.signalId))).length;
  return {
    lastTouchAt: touches.length === 0 ? null : new Date(Math.max(...touches)),
    negativeReplies: count('gmail', 'reply_negative', 'negative_reply'),
    dealRegressions: count('hubspot', 'deal_regressed', 'deal_regressed'),
  };
}
