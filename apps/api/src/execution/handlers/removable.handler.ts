import type { ActionType, ExecutionPlan, ExecutionResultData, ExternalObject, ExternalObjectKind } from '@caseyos/contracts';
import { ObjectRemover } from './effects/object-remover';
import type { ExecutionHandler, PlanInput, PlannedExecution, RunOptions } from './execution-handler';

/** Base of the handlers whose every object can be removed by its kind: rolling back removes what the execution made. */
export abstract class RemovableHandler<P> implements ExecutionHandler<P> {
  abstract readonly actionType: ActionType;
  abstract readonly creates: readonly ExternalObjectKind[];
  readonly reversible = true;

  protected constructor(private readonly remover: ObjectRemover) {}

  abstract plan(input: PlanInput): Promise<PlannedExecution<P>>;
  abstract execute(planned: PlannedExecution<P>, options: RunOptions): Promise<ExecutionResultData>;
  abstract findExisting(plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]>;

  rollback(result: ExecutionResultData, options: RunOptions): Promise<void> {
    return this.remover.removeAll(result.objects, options);
  }
}
