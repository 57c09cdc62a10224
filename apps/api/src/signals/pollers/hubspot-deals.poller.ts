import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { HubSpotConnector } from '../../connectors/hubspot/hubspot.connector';
import { HUBSPOT_DEALS_CURSOR } from '../../connectors/hubspot/hubspot.connector';
import { IntegrationsService } from '../../connectors/oauth/integrations.service';
import { CLOCK, Clock, DAY_MS } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { AccountsService } from '../../accounts/accounts.service';
import type { HubSpotContact, HubSpotDeal } from '../../connectors/hubspot/hubspot-records';
import { HubSpotDealSnapshot } from '../entities/hubspot-deal-snapshot.entity';
import { SignalsService } from '../signals.service';
import { dealChange } from './deal-change';

/** Re-read this much before the saved cursor: a deal saved in the same instant as the last poll is not missed. */
export const CURSOR_OVERLAP_MS = 60_000;

const ACTOR = 'system:hubspot-deals-poller';

export interface PollResult {
  signals: number;
  truncated: boolean;
  skipped?: string;
}

/**
 * Turns HubSpot deal changes into signals: new deals, stage moves forward and back, each with
 * the deal's contact (its first associated contact: email, name, company). A won deal makes the
 * company a customer account (renewal a year after the close date), and customer renewals
 * inside RENEWAL_NOTICE_DAYS become `renewal_approaching` signals. The first poll only records
 * where every deal stands (an existing pipeline is not news) and who the customers are. A run
 * makes at most SIGNAL_POLL_BATCH signals; the rest wait for the next run, which starts where
 * this one stopped.
 */
@Injectable()
export class HubSpotDealsPoller {
  private readonly logger = new Logger('HubSpotDealsPoller');

  constructor(
    private readonly hubspot: HubSpotConnector,
    private readonly integrations: IntegrationsService,
    private readonly signals: SignalsService,
    private readonly accounts: AccountsService,
    @InjectRepository(HubSpotDealSnapshot) private readonly snapshots: Repository<HubSpotDealSnapshot>,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async poll(): Promise<PollResult> {
    if (!(await this.integrations.isConnected('hubspot'))) return { signals: 0, truncated: false, skipped: 'hubspot is not connected' };
    const deals = await this.pollDeals(this.config.SIGNAL_POLL_BATCH);
    const renewals = await this.raiseRenewals(this.config.SIGNAL_POLL_BATCH - deals.signals);
    return { signals: deals.signals + renewals.signals, truncated: deals.truncated || renewals.truncated };
  }

  private async pollDeals(limit: number): Promise<PollResult> {
    const saved = await this.integrations.cursor('hubspot', HUBSPOT_DEALS_CURSOR);
    const firstSync = !saved;
    const since = saved ? new Date(Date.parse(saved) - CURSOR_OVERLAP_MS).toISOString() : new Date(0).toISOString();
    const batch = await this.hubspot.searchDealsModifiedSince(since);
    const pipelines = batch.deals.length > 0 ? await this.hubspot.pipelines() : [];
    const known = new Map(
      (batch.deals.length > 0 ? await this.snapshots.findBy({ dealId: In(batch.deals.map((deal) => deal.id)) }) : []).map((row) => [row.dealId, row]),
    );
    let produced = 0;
    // The search starts an overlap early; with nothing newer found, the cursor stays put.
    let cursor = saved && Date.parse(saved) > Date.parse(batch.cursor) ? saved : batch.cursor;
    let truncated = !batch.complete;
    for (const deal of batch.deals) {
      const previous = known.get(deal.id);
      const change = dealChange(deal, previous ? previous.stageId : undefined, pipelines);
      if (firstSync) {
        // Where every deal stands is not news, but who the customers are is.
        if (change?.won) await this.recordWin(deal, await this.hubspot.dealContact(deal.id));
      } else if (change) {
        if (produced === limit) {
          truncated = true;
          cursor = deal.modifiedAt; // inclusive: this deal is the first of the next run
          break;
        }
        const contact = await this.hubspot.dealContact(deal.id);
        if (change.won) await this.recordWin(deal, contact);
        const contactName = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ') || null;
        await this.signals.receive(
          {
            source: 'hubspot',
            kind: change.kind,
            externalId: deal.id,
            contactEmail: contact?.email ?? null,
            company: contact?.company ?? null,
            payload: {
              deal_id: deal.id,
              deal_name: deal.name,
              amount: deal.amount,
              close_date: deal.closeDate,
              pipeline_id: deal.pipelineId,
              from_stage: change.fromStage,
              to_stage: change.toStage,
              won: change.won,
              lost: change.lost,
              owner_id: deal.ownerId,
              contact_id: contact?.id ?? null,
              contact_name: contactName,
              modified_at: deal.modifiedAt,
            },
          },
          { actor: ACTOR },
        );
        produced += 1;
      }
      await this.snapshots.upsert({ dealId: deal.id, stageId: deal.stageId, modifiedAt: new Date(deal.modifiedAt) }, ['dealId']);
    }
    if (truncated) this.logger.warn({ event: 'batch truncated', poller: 'hubspot-deals', signals: produced, resume_from: cursor });
    await this.hubspot.saveDealsCursor(cursor);
    return { signals: produced, truncated };
  }

  /** A won deal makes its contact's company a customer, with a renewal a year on. */
  private async recordWin(deal: HubSpotDeal, contact: HubSpotContact | null): Promise<void> {
    if (!contact?.company) return;
    await this.accounts.recordWin(contact.company, { amountUsd: deal.amount, wonAt: new Date(deal.closeDate ?? deal.modifiedAt) });
  }

  /**
   * Customer renewals inside the notice window become `renewal_approaching` signals, once per
   * account and renewal date. The signal is checked for before it is raised, so a run that died
   * between raising and marking does not raise it twice.
   */
  private async raiseRenewals(limit: number): Promise<PollResult> {
    const until = new Date(this.clock.now().getTime() + this.config.RENEWAL_NOTICE_DAYS * DAY_MS);
    const due = await this.accounts.renewalsDue(until, limit + 1);
    let raised = 0;
    for (const renewal of due.slice(0, limit)) {
      const renewalDate = renewal.renewalAt.toISOString().slice(0, 10);
      const externalId = `renewal:${renewal.company}:${renewalDate}`;
      if (!(await this.signals.exists('hubspot', 'renewal_approaching', externalId))) {
        await this.signals.receive(
          {
            source: 'hubspot',
            kind: 'renewal_approaching',
            externalId,
            company: renewal.company,
            payload: { company: renewal.company, renewal_date: renewalDate, arr_usd: renewal.arrUsd },
          },
          { actor: ACTOR },
        );
        raised += 1;
      }
      await this.accounts.markRenewalNoticed(renewal);
    }
    const truncated = due.length > limit;
    if (truncated) this.logger.warn({ event: 'batch truncated', poller: 'hubspot-renewals', signals: raised });
    return { signals: raised, truncated };
  }
}
