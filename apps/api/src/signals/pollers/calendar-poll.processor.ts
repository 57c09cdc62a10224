import { Processor } from '@nestjs/bullmq';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { JobBeatsService } from '../../platform/queues/job-beats.service';
import { ScheduledJobProcessor } from '../../platform/queues/scheduled-job.processor';
import type { PollResult } from './hubspot-deals.poller';
import { CalendarPoller } from './calendar.poller';

@Processor(QUEUES.calendarPoll)
export class CalendarPollProcessor extends ScheduledJobProcessor<PollResult> {
  constructor(
    private readonly poller: CalendarPoller,
    beats: JobBeatsService,
  ) {
    super(SCHEDULED_JOBS.calendarPoll, beats);
  }

  protected run(): Promise<PollResult> {
    return this.poller.poll();
  }
}
