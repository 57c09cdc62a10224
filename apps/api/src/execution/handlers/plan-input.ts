import type { CommandQueueMove } from '@caseyos/contracts';
import { PlanError } from '../execution-problems';

export function requireContactEmail(move: CommandQueueMove): string {
  if (!move.contact_email) throw new PlanError(`${move.action_type} needs the contact's email address, and this move has none.`);
  return move.contact_email;
}

/** A template that would leave a placeholder refuses; the move cannot be planned until it is fixed. */
export function rendered<T>(render: () => T): T {
  try {
    return render();
  } catch (error) {
    throw new PlanError(`The draft could not be written: ${(error as Error).message}`);
  }
}
