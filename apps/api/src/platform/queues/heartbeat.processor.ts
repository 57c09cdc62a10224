import { Processor } from '@nestjs/bullmq';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { JobBeatsService } from './job-beats.service';
import { ScheduledJobProcessor } from './scheduled-job.processor';

/** Proves the queue wiring end to end: Redis delivers, a worker runs, Postgres records. */
@Processor(QUEUES.platform)
export class HeartbeatProcessor extends ScheduledJobProcessor<void> {
  constructor(
    beats: JobBeatsService,
    private readonly dataSource: DataSource,
  ) {
    super(SCHEDULED_JOBS.heartbeat, beats);
  }

  protected async run(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
