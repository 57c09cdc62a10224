import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { SCHEDULED_JOBS, QUEUES } from '@caseyos/contracts';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobBeatsService } from './job-beats.service';

/** Proves the queue wiring end to end: Redis delivers, a worker runs, Postgres records. */
@Processor(QUEUES.platform)
export class HeartbeatProcessor extends WorkerHost {
  private readonly logger = new Logger('Heartbeat');

  constructor(
    private readonly beats: JobBeatsService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    if (job.name !== SCHEDULED_JOBS.heartbeat) throw new Error(`No handler for platform job "${job.name}"`);
    await this.beats.track(SCHEDULED_JOBS.heartbeat, async () => {
      await this.dataSource.query('SELECT 1');
    });
  }

  @OnWorkerEvent('error')
  onError(error: Error) {
    this.logger.warn({ event: 'worker_error', queue: QUEUES.platform, error: error.message });
  }
}
