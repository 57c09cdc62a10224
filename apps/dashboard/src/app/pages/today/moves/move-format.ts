import { ApsFactor, QueueItemStatus } from '@caseyos/contracts';

export { ACTION_LABELS } from '../../../shared/format/action-labels';

export const STATUS_LABELS: Record<QueueItemStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  dismissed: 'Dismissed',
  snoozed: 'Snoozed',
  executing: 'Executing',
  completed: 'Completed',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};

export const FACTOR_LABELS: Record<ApsFactor, string> = {
  impact: 'Impact',
  urgency: 'Urgency',
  intent: 'Intent',
  fit: 'Fit',
  effort: 'Effort',
};

/** APS 0..1 as the 0..100 figure people read at a glance. */
export function apsPoints(aps: number): number {
  return Math.round(aps * 100);
}

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

export function formatMoney(amount: number): string {
  return money.format(amount);
}

export type DueTone = 'overdue' | 'soon' | 'later';

export interface DueLabel {
  text: string;
  tone: DueTone;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SOON = DAY;

/** Compact on purpose ("in 3 h", "2 d overdue"): it sits in a dense row next to other facts. */
export function dueLabel(iso: string, now: number): DueLabel {
  const diff = Date.parse(iso) - now;
  const size = Math.abs(diff);
  const amount = size >= DAY ? `${Math.round(size / DAY)} d` : size >= HOUR ? `${Math.round(size / HOUR)} h` : `${Math.max(1, Math.round(size / MINUTE))} min`;
  if (diff < 0) {
    return { text: `${amount} overdue`, tone: 'overdue' };
  }
  return { text: `due in ${amount}`, tone: diff <= SOON ? 'soon' : 'later' };
}
