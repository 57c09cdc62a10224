import { Processor } from '@nestjs/bullmq';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { JobBeatsService } from '../platform/queues/job-beats.service';
import { ScheduledJobProcessor } from '../platform/queues/scheduled-job.processor';
import { CommandQueueService } from './command-queue.service';

/** Brings snoozed moves back to pending when their time comes. */
@Processor(QUEUES.commandQueue)
export class SnoozeWakeProcessor extends ScheduledJobProcessor<number> {
  constructor(
    private readonly queue: CommandQueueService,
    beats: JobBeatsService,
  ) {
    super(SCHEDULED_JOBS.snoozeWake, beats);
  }

  protected async run(): Promise<number> {
    const woken = await this.queue.wakeSnoozed();
    if (woken > 0) this.logger.log({ event: 'snoozed_moves_woken', count: woken });
    return woken;
  }
}
