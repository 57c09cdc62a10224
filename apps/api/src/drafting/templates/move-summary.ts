import type { DraftFacts } from './draft-facts';
import { formatUsd } from './format';

/** Who a move is about, in the most personal form known. */
export function whoOf(facts: DraftFacts): string {
  return facts.contactName ?? facts.contactEmail ?? facts.company ?? 'the contact';
}

/** The known facts of a move, one per line, for internal notes (tasks, calendar descriptions). */
export function summaryLines(facts: DraftFacts): string[] {
  const { signal } = facts;
  const amount = signal.amountUsd ?? facts.dealAmount;
  const contact = facts.contactName && facts.contactEmail ? `${facts.contactName} <${facts.contactEmail}>` : (facts.contactName ?? facts.contactEmail);
  const deal = [signal.dealName, amount === null ? null : formatUsd(amount), stageChange(facts)].filter((part) => part !== null);
  const found = [
    signal.label && `Signal: ${signal.label}`,
    signal.formName && `Form: ${signal.formName}`,
    signal.subject && `Subject: ${signal.subject}`,
    contact && `Contact: ${contact}`,
    facts.company && `Company: ${facts.company}`,
    deal.length > 0 && `Deal: ${deal.join(', ')}`,
    signal.note && `Note: ${signal.note}`,
    ...facts.reasons.map((reason) => `Why now: ${reason}`),
  ];
  return found.filter((line): line is string => typeof line === 'string');
}

function stageChange({ signal }: DraftFacts): string | null {
  if (signal.fromStage && signal.toStage) return `moved from ${signal.fromStage} to ${signal.toStage}`;
  return signal.toStage ? `now at ${signal.toStage}` : null;
}
