import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';

export interface ScheduledJob {
  /** Fixed job-scheduler id: BullMQ keeps one schedule per id however many workers upsert it. */
  id: string;
  everyMs: number;
  queue: Queue;
}

/** Every recurring job registers here, in every role, so /health/beat can list it. */
@Injectable()
export class ScheduledJobRegistry {
  private readonly jobs = new Map<string, ScheduledJob>();

  register(job: ScheduledJob): void {
    if (this.jobs.has(job.id)) throw new Error(`Scheduled job "${job.id}" is registered twice`);
    this.jobs.set(job.id, job);
  }

  all(): ScheduledJob[] {
    return [...this.jobs.values()];
  }
}
