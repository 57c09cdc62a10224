import { OnWorkerEvent } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobBeatsService } from './job-beats.service';
import { ShutdownAwareWorker } from './shutdown-aware-worker';

/**
 * Base of a processor that runs one scheduled job: it refuses other job names and records
 * each tick's run, success or error for /health/beat. Subclasses add @Processor(queue).
 */
export abstract class ScheduledJobProcessor<T> extends ShutdownAwareWorker {
  protected readonly logger = new Logger(this.constructor.name);

  protected constructor(
    private readonly jobId: string,
    private readonly beats: JobBeatsService,
  ) {
    super();
  }

  protected abstract run(): Promise<T>;

  async process(job: Job): Promise<T> {
    if (job.name !== this.jobId) throw new Error(`${this.constructor.name} has no handler for job "${job.name}"`);
    return this.beats.track(this.jobId, () => this.run());
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error) {
    this.logger.warn({ event: 'worker_error', job: this.jobId, error: error.message });
  }
}
