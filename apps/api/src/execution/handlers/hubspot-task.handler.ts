import { Injectable } from '@nestjs/common';
import type { ExecutionPlan, ExecutionResultData, ExternalObject } from '@caseyos/contracts';
import type { NewHubSpotTask } from '../../connectors/hubspot/hubspot-records';
import { DraftingService } from '../../drafting/drafting.service';
import { DraftContextFactory } from './draft-context.factory';
import { HubSpotTaskEffect } from './effects/hubspot-task.effect';
import { ObjectRemover } from './effects/object-remover';
import type { PlanInput, PlannedExecution, RunOptions } from './execution-handler';
import { RemovableHandler } from './removable.handler';
import { draftRecord } from './plan-input';

/**
 * A HubSpot task associated with the move's contact (and deal), with due date and priority from
 * the template (risk escalations are HIGH; health checks carry the account's health report).
 * Rollback deletes the task.
 */
@Injectable()
export abstract class HubSpotTaskHandler extends RemovableHandler<NewHubSpotTask> {
  readonly creates = ['hubspot_task'] as const;

  constructor(
    private readonly contexts: DraftContextFactory,
    private readonly tasks: HubSpotTaskEffect,
    private readonly drafting: DraftingService,
    remover: ObjectRemover,
  ) {
    super(remover);
  }

  async plan({ move, executionId, edit }: PlanInput): Promise<PlannedExecution<NewHubSpotTask>> {
    const context = await this.contexts.for(move, 'optional');
    const { draft, provenance } = await this.drafting.write('task', context, { edit });
    const { task, request, notes } = await this.tasks.prepare(move, draft, executionId);
    const plan: ExecutionPlan = {
      action_type: move.action_type,
      summary: [`HubSpot task "${draft.subject}", ${draft.priority} priority, due ${draft.dueAt.toISOString()}.`, ...notes].join(' '),
      requests: [request],
      reversible: this.reversible,
      ...draftRecord({ provenance }, edit),
    };
    return { plan, prepared: task };
  }

  async execute(planned: PlannedExecution<NewHubSpotTask>, options: RunOptions): Promise<ExecutionResultData> {
    return { objects: [await this.tasks.create(planned.prepared, options)] };
  }

  async findExisting(_plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]> {
    return await this.tasks.find(options.executionId, options);
  }
}
