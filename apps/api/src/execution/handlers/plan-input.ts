import type { CommandQueueMove, ExecutionPlan } from '@caseyos/contracts';
import type { WrittenDraft } from '../../drafting/drafting.service';
import { PlanError } from '../execution-problems';
import type { PlanInput } from './execution-handler';

export function requireContactEmail(move: CommandQueueMove): string {
  if (!move.contact_email) throw new PlanError(`${move.action_type} needs the contact's email address, and this move has none.`);
  return move.contact_email;
}

/** The plan's record of who wrote the draft, its texts (to send back as shown), and the edit to plan with again should the execution wait in the queue. */
export function draftRecord(
  written: Pick<WrittenDraft<unknown>, 'provenance' | 'texts'>,
  edit: PlanInput['edit'],
): Pick<ExecutionPlan, 'draft' | 'edit' | 'texts'> {
  return { draft: written.provenance, ...(edit ? { edit } : {}), ...(written.texts ? { texts: written.texts } : {}) };
}
