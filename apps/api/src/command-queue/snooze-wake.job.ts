import { Injectable, Logger } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { OnJob } from '../platform/queues/on-job.decorator';
import { CommandQueueService } from './command-queue.service';

const WAKE_EVERY_MS = 30_000;

/** Brings snoozed moves back to pending when their time comes. */
@Injectable()
export class SnoozeWakeJob {
  private readonly logger = new Logger('SnoozeWake');

  constructor(private readonly queue: CommandQueueService) {}

  @OnJob({ name: SCHEDULED_JOBS.snoozeWake, queue: QUEUES.commandQueue, everyMs: WAKE_EVERY_MS })
  async wake(): Promise<number> {
    const woken = await this.queue.wakeSnoozed();
    if (woken > 0) this.logger.log({ event: 'snoozed_moves_woken', count: woken });
    return woken;
  }
}
