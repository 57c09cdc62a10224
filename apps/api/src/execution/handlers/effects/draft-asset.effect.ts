import { Injectable } from '@nestjs/common';
import type { CommandQueueMove, ExternalObject, OutboundRequest } from '@caseyos/contracts';
import { DraftAssetsService, NewDraftAsset } from '../../assets/draft-assets.service';
import type { AssetDraft } from '../../../drafting/draft-types';

/** Draft assets CaseyOS keeps in its own table; the dashboard opens them at /caseyos/assets/<id>. */
@Injectable()
export class DraftAssetEffect {
  constructor(private readonly assets: DraftAssetsService) {}

  prepare(move: CommandQueueMove, draft: AssetDraft, executionId: string): { asset: NewDraftAsset; request: OutboundRequest } {
    const variants = draft.variants?.map((v) => ({ channel: v.channel, body: v.body, max_length: v.maxLength })) ?? null;
    const asset: NewDraftAsset = {
      itemId: move.id,
      executionId,
      actionType: move.action_type,
      channel: draft.channel,
      title: draft.title,
      body: draft.body,
      maxLength: draft.maxLength,
      variants,
    };
    const request: OutboundRequest = {
      target: 'caseyos',
      operation: 'assets.create',
      method: 'POST',
      path: '/api/assets',
      body: {
        channel: draft.channel,
        title: draft.title,
        body: draft.body,
        max_length: draft.maxLength,
        ...(variants ? { variants } : {}),
      },
    };
    return { asset, request };
  }

  /** Local and transactional: a retry finds the asset its execution already made instead of adding one (`existed`). */
  async create(asset: NewDraftAsset): Promise<{ object: ExternalObject; existed: boolean }> {
    const [existing] = await this.find(asset.executionId);
    if (existing) return { object: existing, existed: true };
    return { object: assetObject((await this.assets.create(asset)).id), existed: false };
  }

  async find(executionId: string): Promise<ExternalObject[]> {
    return (await this.assets.byExecution(executionId)).map((asset) => assetObject(asset.id));
  }

  async remove(object: ExternalObject): Promise<void> {
    await this.assets.delete(object.id);
  }
}

const assetObject = (id: string): ExternalObject => ({ kind: 'asset', id, url: `/caseyos/assets/${id}` });
