import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { reachable } from '../redis/close-redis';
import { JobBeatsService } from './job-beats.service';

/**
 * Base of a processor that runs one scheduled job: it refuses other job names and records
 * each tick's run, success or error for /health/beat. Subclasses add @Processor(queue).
 */
export abstract class ScheduledJobProcessor<T> extends WorkerHost implements BeforeApplicationShutdown {
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

  /**
   * With Redis unreachable a graceful close would wait for it to come back; the running job
   * cannot finish anyway, so the worker closes now. Its lock expires and a worker takes the job
   * up again.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!(await reachable(this.worker.client))) await this.worker.close(true);
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error) {
    this.logger.warn({ event: 'worker_error', job: this.jobId, error: error.message });
  }
}
