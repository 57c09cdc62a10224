import { Processor } from '@nestjs/bullmq';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { JobBeatsService } from '../../platform/queues/job-beats.service';
import { ScheduledJobProcessor } from '../../platform/queues/scheduled-job.processor';
import { HubSpotDealsPoller, PollResult } from './hubspot-deals.poller';

@Processor(QUEUES.hubspotDealsPoll)
export class HubSpotDealsPollProcessor extends ScheduledJobProcessor<PollResult> {
  constructor(
    private readonly poller: HubSpotDealsPoller,
    beats: JobBeatsService,
  ) {
    super(SCHEDULED_JOBS.hubspotDealsPoll, beats);
  }

  protected run(): Promise<PollResult> {
    return this.poller.poll();
  }
}
