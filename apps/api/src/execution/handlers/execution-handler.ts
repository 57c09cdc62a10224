import type { ShownDraft } from '../../drafting/drafting.service';
import type { ActionType, CommandQueueMove, DraftEdit, ExecutionPlan, ExecutionResultData, ExternalObject, ExternalObjectKind } from '@caseyos/contracts';

/** What a handler plans from: the move, the id its created objects will be marked with, a person's edit of the draft. */
export interface PlanInput {
  move: CommandQueueMove;
  executionId: string;
  edit?: DraftEdit;
  /** The draft of the dry run the edit's `shown_by` names, when that dry run of this move holds one. */
  shown?: ShownDraft | null;
}

export interface RunOptions {
  executionId: string;
  /** Aborted when the execution's deadline passes: the provider call is cancelled. */
  signal: AbortSignal;
}

/**
 * The plan as a person reads it (stored on the execution) plus whatever the handler needs to
 * send exactly that (e.g. the raw MIME message); only `plan` outlives the request.
 */
export interface PlannedExecution<P = unknown> {
  plan: ExecutionPlan;
  prepared: P;
}

/**
 * One per action type. `plan` has no side effect (reads only). `execute` performs the plan and
 * marks what it creates with the execution id, so `findExisting` can tell whether an attempt
 * that failed or timed out made it anyway (every object found, one per request when all were
 * made). `rollback` resolves only once every object is gone.
 */
export interface ExecutionHandler<P = unknown> {
  readonly actionType: ActionType;
  /** What its execution creates: must match `ACTION_CREATES` (checked by the registry). */
  readonly creates: readonly ExternalObjectKind[];
  readonly reversible: boolean;
  plan(input: PlanInput): Promise<PlannedExecution<P>>;
  execute(planned: PlannedExecution<P>, options: RunOptions): Promise<ExecutionResultData>;
  findExisting(plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]>;
  rollback(result: ExecutionResultData, options: RunOptions): Promise<void>;
}
