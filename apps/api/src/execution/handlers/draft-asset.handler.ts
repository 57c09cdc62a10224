import { Injectable } from '@nestjs/common';
import type { ActionType, ExecutionPlan, ExecutionResultData, ExternalObject } from '@caseyos/contracts';
import type { NewDraftAsset } from '../assets/draft-assets.service';
import { renderAsset } from '../templates';
import { DraftContextFactory } from './draft-context.factory';
import { DraftAssetEffect } from './effects/draft-asset.effect';
import { ObjectRemover } from './effects/object-remover';
import type { ExecutionHandler, PlanInput, PlannedExecution, RunOptions } from './execution-handler';
import { rendered } from './plan-input';

/**
 * A marketing draft CaseyOS keeps (title, body, channel, the channel's length limit) for the user
 * to open, copy and edit. Rollback deletes it.
 */
@Injectable()
export abstract class DraftAssetHandler implements ExecutionHandler<NewDraftAsset> {
  abstract readonly actionType: ActionType;
  readonly reversible = true;

  constructor(
    private readonly contexts: DraftContextFactory,
    private readonly assets: DraftAssetEffect,
    private readonly remover: ObjectRemover,
  ) {}

  async plan({ move, executionId }: PlanInput): Promise<PlannedExecution<NewDraftAsset>> {
    const context = await this.contexts.for(move, 'optional');
    const draft = rendered(() => renderAsset(context));
    const { asset, request } = this.assets.prepare(move, draft, executionId);
    const limit = draft.maxLength === null ? '' : ` (${draft.body.length}/${draft.maxLength} characters)`;
    const plan: ExecutionPlan = { action_type: move.action_type, summary: `${draft.channel} draft "${draft.title}"${limit}, kept in CaseyOS.`, requests: [request], reversible: this.reversible };
    return { plan, prepared: asset };
  }

  async execute(planned: PlannedExecution<NewDraftAsset>): Promise<ExecutionResultData> {
    return { objects: [await this.assets.create(planned.prepared)] };
  }

  async findExisting(_plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]> {
    return await this.assets.find(options.executionId);
  }

  rollback(result: ExecutionResultData, options: RunOptions): Promise<void> {
    return this.remover.removeAll(result.objects, options);
  }
}
