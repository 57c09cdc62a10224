import type { CommandQueueMove, DraftProvenance, ExecutionPlan } from '@caseyos/contracts';
import { PlanError } from '../execution-problems';
import type { PlanInput } from './execution-handler';

export function requireContactEmail(move: CommandQueueMove): string {
  if (!move.contact_email) throw new PlanError(`${move.action_type} needs the contact's email address, and this move has none.`);
  return move.contact_email;
}

/** The plan's record of who wrote the draft, and the edit to plan with again should the execution wait in the queue. */
export function draftRecord(provenance: DraftProvenance, edit: PlanInput['edit']): Pick<ExecutionPlan, 'draft' | 'edit'> {
  return { draft: provenance, ...(edit ? { edit } : {}) };
}
