import { Injectable } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { AppConfig } from '../../platform/config/app-config';
import { OnJob, secondsIn } from '../../platform/queues/on-job.decorator';
import { HubSpotDealsPoller, PollResult } from './hubspot-deals.poller';

@Injectable()
export class HubSpotDealsPollJob {
  constructor(private readonly poller: HubSpotDealsPoller) {}

  @OnJob({ name: SCHEDULED_JOBS.hubspotDealsPoll, queue: QUEUES.hubspotDealsPoll, everySeconds: secondsIn(AppConfig, 'POLL_EVERY_SECONDS') })
  poll(): Promise<PollResult> {
    return this.poller.poll();
  }
}
