import { Injectable } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { AppConfig } from '../../platform/config/app-config';
import { OnJob, secondsIn } from '../../platform/queues/on-job.decorator';
import type { PollResult } from './hubspot-deals.poller';
import { GmailRepliesPoller } from './gmail-replies.poller';

@Injectable()
export class GmailRepliesPollJob {
  constructor(private readonly poller: GmailRepliesPoller) {}

  @OnJob({ name: SCHEDULED_JOBS.gmailRepliesPoll, queue: QUEUES.gmailRepliesPoll, everySeconds: secondsIn(AppConfig, 'POLL_EVERY_SECONDS') })
  poll(): Promise<PollResult> {
    return this.poller.poll();
  }
}
