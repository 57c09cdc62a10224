import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Job } from 'bullmq';
import { JobBeatsService } from '../platform/queues/job-beats.service';
import { CommandQueueService } from './command-queue.service';

/** Brings snoozed moves back to pending when their time comes. */
@Processor(QUEUES.commandQueue)
export class SnoozeWakeProcessor extends WorkerHost {
  private readonly logger = new Logger('SnoozeWake');

  constructor(
    private readonly queue: CommandQueueService,
    private readonly beats: JobBeatsService,
  ) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name !== SCHEDULED_JOBS.snoozeWake) throw new Error(`No handler for command-queue job "${job.name}"`);
    return this.beats.track(SCHEDULED_JOBS.snoozeWake, async () => {
      const woken = await this.queue.wakeSnoozed();
      if (woken > 0) this.logger.log({ event: 'snoozed_moves_woken', count: woken });
      return woken;
    });
  }

  @OnWorkerEvent('error')
  onError(error: Error) {
    this.logger.warn({ event: 'worker_error', queue: QUEUES.commandQueue, error: error.message });
  }
}
