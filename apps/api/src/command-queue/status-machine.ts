import { QueueItemStatus } from '@caseyos/contracts';

/** Every legal move of an item; anything else is a 409 with the current status. */
export const TRANSITIONS: Readonly<Record<QueueItemStatus, readonly QueueItemStatus[]>> = {
  // Executing a pending move accepts it on the way; a move done elsewhere is completed by hand.
  pending: ['accepted', 'dismissed', 'snoozed', 'executing', 'completed'],
  accepted: ['executing', 'completed', 'dismissed'],
  executing: ['completed', 'failed'],
  completed: ['rolled_back'],
  snoozed: ['pending'],
  dismissed: [],
  // A failed execution may be retried, done by hand or given up.
  failed: ['executing', 'completed', 'dismissed'],
  rolled_back: [],
};

/** Statuses an item may be in for a move to `to` to be legal. */
export function allowedSources(to: QueueItemStatus): QueueItemStatus[] {
  return (Object.keys(TRANSITIONS) as QueueItemStatus[]).filter((from) => TRANSITIONS[from].includes(to));
}

export function canTransition(from: QueueItemStatus, to: QueueItemStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
