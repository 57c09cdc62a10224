import { Injectable } from '@nestjs/common';
import type { ExecutionPlan, ExecutionResultData, ExternalObject } from '@caseyos/contracts';
import type { NewDraftAsset } from '../assets/draft-assets.service';
import { DraftingService } from '../../drafting/drafting.service';
import { DraftContextFactory } from './draft-context.factory';
import { DraftAssetEffect } from './effects/draft-asset.effect';
import { ObjectRemover } from './effects/object-remover';
import type { PlanInput, PlannedExecution, RunOptions } from './execution-handler';
import { RemovableHandler } from './removable.handler';
import { draftRecord } from './plan-input';

/**
 * A marketing draft CaseyOS keeps (title, body, channel, the channel's length limit) for the user
 * to open, copy and edit. Rollback deletes it.
 */
@Injectable()
export abstract class DraftAssetHandler extends RemovableHandler<NewDraftAsset> {
  readonly creates = ['asset'] as const;

  constructor(
    private readonly contexts: DraftContextFactory,
    private readonly assets: DraftAssetEffect,
    private readonly drafting: DraftingService,
    remover: ObjectRemover,
  ) {
    super(remover);
  }

  async plan({ move, executionId, edit, shown }: PlanInput): Promise<PlannedExecution<NewDraftAsset>> {
    const context = await this.contexts.for(move, 'optional');
    const written = await this.drafting.write('asset', context, { edit, shown });
    const { draft } = written;
    const { asset, request } = this.assets.prepare(move, draft, executionId);
    const limit = draft.maxLength === null ? '' : ` (${draft.body.length}/${draft.maxLength} characters)`;
    const plan: ExecutionPlan = {
      action_type: move.action_type,
      summary: `${draft.channel} draft "${draft.title}"${limit}, kept in CaseyOS.`,
      requests: [request],
      reversible: this.reversible,
      ...draftRecord(written, edit),
    };
    return { plan, prepared: asset };
  }

  async execute(planned: PlannedExecution<NewDraftAsset>): Promise<ExecutionResultData> {
    return { objects: [(await this.assets.create(planned.prepared)).object] };
  }

  async findExisting(_plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]> {
    return await this.assets.find(options.executionId);
  }
}
