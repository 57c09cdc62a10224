import { Injectable } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { AppConfig } from '../../platform/config/app-config';
import { OnJob, secondsIn } from '../../platform/queues/on-job.decorator';
import type { PollResult } from './hubspot-deals.poller';
import { CalendarPoller } from './calendar.poller';

@Injectable()
export class CalendarPollJob {
  constructor(private readonly poller: CalendarPoller) {}

  @OnJob({ name: SCHEDULED_JOBS.calendarPoll, queue: QUEUES.calendarPoll, everySeconds: secondsIn(AppConfig, 'POLL_EVERY_SECONDS') })
  poll(): Promise<PollResult> {
    return this.poller.poll();
  }
}
