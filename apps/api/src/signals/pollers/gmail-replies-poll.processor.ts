import { Processor } from '@nestjs/bullmq';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { JobBeatsService } from '../../platform/queues/job-beats.service';
import { ScheduledJobProcessor } from '../../platform/queues/scheduled-job.processor';
import type { PollResult } from './hubspot-deals.poller';
import { GmailRepliesPoller } from './gmail-replies.poller';

@Processor(QUEUES.gmailRepliesPoll)
export class GmailRepliesPollProcessor extends ScheduledJobProcessor<PollResult> {
  constructor(
    private readonly poller: GmailRepliesPoller,
    beats: JobBeatsService,
  ) {
    super(SCHEDULED_JOBS.gmailRepliesPoll, beats);
  }

  protected run(): Promise<PollResult> {
    return this.poller.poll();
  }
}
