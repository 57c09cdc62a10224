import { Inject, Injectable } from '@nestjs/common';
import { DraftAsset, MANUAL_OUTCOME_SOURCE } from '@caseyos/contracts';
import { Actor } from '../command-queue/command-queue.service';
import { DraftAssetsService } from '../execution/assets/draft-assets.service';
import { ExecutionService } from '../execution/execution.service';
import { CLOCK, Clock } from '../platform/clock/clock';
import { OutcomeRecorder } from './outcome-recorder';

/**
 * "Mark published" on a draft asset: records `content_published` for the execution that made
 * it, then marks the asset. The outcome is recorded once per asset (its evidence is the asset),
 * so a retry after a failure between the two writes, or a second press, records nothing new.
 */
@Injectable()
export class ContentPublished {
  constructor(
    private readonly assets: DraftAssetsService,
    private readonly executions: ExecutionService,
    private readonly recorder: OutcomeRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(assetId: string, url: string | null, by: Actor): Promise<DraftAsset> {
    const asset = await this.assets.get(assetId);
    const execution = await this.executions.get(asset.execution_id);
    await this.recorder.record({
      itemId: asset.item_id,
      executionId: execution.id,
      outcomeType: 'content_published',
      contactEmail: execution.contact_email,
      detectedAt: asset.published_at ? new Date(asset.published_at) : this.clock.now(),
      source: MANUAL_OUTCOME_SOURCE,
      evidence: { asset_id: asset.id },
      by,
    });
    return this.assets.markPublished(asset.id, url);
  }
}
