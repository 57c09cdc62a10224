import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { HubSpotConnector } from '../../connectors/hubspot/hubspot.connector';
import { HUBSPOT_DEALS_CURSOR } from '../../connectors/hubspot/hubspot.connector';
import { IntegrationsService } from '../../connectors/oauth/integrations.service';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { HubSpotDealSnapshot } from '../entities/hubspot-deal-snapshot.entity';
import { SignalsService } from '../signals.service';
import { dealChange } from './deal-change';

/** Re-read this much before the saved cursor: a deal saved in the same instant as the last poll is not missed. */
export const CURSOR_OVERLAP_MS = 60_000;

export interface PollResult {
  signals: number;
  truncated: boolean;
  skipped?: string;
}

/**
 * Turns HubSpot deal changes into signals: new deals, stage moves forward and back. The first
 * poll only records where every deal stands (an existing pipeline is not news). A run makes at
 * most SIGNAL_POLL_BATCH signals; the rest wait for the next run, which starts where this one
 * stopped.
 */
@Injectable()
export class HubSpotDealsPoller {
  private readonly logger = new Logger('HubSpotDealsPoller');

  constructor(
    private readonly hubspot: HubSpotConnector,
    private readonly integrations: IntegrationsService,
    private readonly signals: SignalsService,
    @InjectRepository(HubSpotDealSnapshot) private readonly snapshots: Repository<HubSpotDealSnapshot>,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async poll(): Promise<PollResult> {
    if (!(await this.integrations.isConnected('hubspot'))) return { signals: 0, truncated: false, skipped: 'hubspot is not connected' };
    const saved = await this.integrations.cursor('hubspot', HUBSPOT_DEALS_CURSOR);
    const firstSync = !saved;
    const since = saved ? new Date(Date.parse(saved) - CURSOR_OVERLAP_MS).toISOString() : new Date(0).toISOString();
    const batch = await this.hubspot.searchDealsModifiedSince(since);
    const pipelines = batch.deals.length > 0 ? await this.hubspot.pipelines() : [];
    const known = new Map(
      (batch.deals.length > 0 ? await this.snapshots.findBy({ dealId: In(batch.deals.map((deal) => deal.id)) }) : []).map((row) => [row.dealId, row]),
    );
    const limit = this.config.SIGNAL_POLL_BATCH;
    let produced = 0;
    let cursor = batch.cursor;
    let truncated = !batch.complete;
    for (const deal of batch.deals) {
      const previous = known.get(deal.id);
      const change = firstSync ? null : dealChange(deal, previous ? previous.stageId : undefined, pipelines);
      if (change) {
        if (produced === limit) {
          truncated = true;
          cursor = deal.modifiedAt; // inclusive: this deal is the first of the next run
          break;
        }
        await this.signals.receive(
          {
            source: 'hubspot',
            kind: change.kind,
            externalId: deal.id,
            payload: { deal_id: deal.id, deal_name: deal.name, amount: deal.amount, pipeline_id: deal.pipelineId, from_stage: change.fromStage, to_stage: change.toStage, owner_id: deal.ownerId, modified_at: deal.modifiedAt },
          },
          { actor: 'system:hubspot-deals-poller' },
        );
        produced += 1;
      }
      await this.snapshots.upsert({ dealId: deal.id, stageId: deal.stageId, modifiedAt: new Date(deal.modifiedAt) }, ['dealId']);
    }
    if (truncated) this.logger.warn({ event: 'batch truncated', poller: 'hubspot-deals', signals: produced, resume_from: cursor });
    await this.hubspot.saveDealsCursor(cursor);
    return { signals: produced, truncated };
  }
}
