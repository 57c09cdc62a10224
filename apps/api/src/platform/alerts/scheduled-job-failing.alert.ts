import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobBeatsService } from '../queues/job-beats.service';
import { AlertCheck, AlertCondition } from './alert-condition';

export interface FailingJob {
  name: string;
  consecutiveFailures: number;
  lastError: string | null;
}

/** Pure: which scheduled jobs (the pollers among them) failed at least `threshold` ticks in a row. */
export function scheduledJobsFailingCheck(jobs: FailingJob[], threshold: number): AlertCheck {
  const failing = jobs.filter((job) => job.consecutiveFailures >= threshold);
  if (failing.length === 0) return { firing: false, detail: `Every scheduled job succeeded within its last ${threshold} ticks.` };
  const lines = failing.map((job) => `${job.name} failed ${job.consecutiveFailures} ticks in a row (last error: ${job.lastError ?? 'unknown'})`);
  return { firing: true, detail: `${lines.join('; ')}. See /health/beat.` };
}

/** A poller (or any scheduled job) that keeps failing, from job_beats: cluster-wide by construction. */
@Injectable()
export class ScheduledJobFailingAlert implements AlertCondition {
  readonly id = 'scheduled_job_failing';
  readonly title = 'A scheduled job keeps failing';

  constructor(
    private readonly beats: JobBeatsService,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<AlertCheck> {
    return scheduledJobsFailingCheck(await this.beats.failureStreaks(), this.config.ALERT_POLLER_FAILURES);
  }
}
