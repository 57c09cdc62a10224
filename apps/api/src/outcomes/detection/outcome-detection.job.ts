import { Injectable, Logger } from '@nestjs/common';
import { ENQUEUED_JOBS, QUEUES } from '@caseyos/contracts';
import { JobFailure, OnJob, OnJobFailed } from '../../platform/queues/on-job.decorator';
import { OutcomeTelemetry } from '../outcome-telemetry';
import type { DetectionJob } from './detection-jobs';
import { DetectionUnits } from './detection-units';

/** Works the detection queue (`DetectionJobs`); a job that fails its last try becomes a dead letter (logged and counted). */
@Injectable()
export class OutcomeDetectionJob {
  private readonly logger = new Logger('OutcomeDetection');

  constructor(
    private readonly units: DetectionUnits,
    private readonly telemetry: OutcomeTelemetry,
  ) {}

  @OnJob({ name: ENQUEUED_JOBS.detectOutcome, queue: QUEUES.outcomeDetection })
  detect(job: DetectionJob): Promise<number> {
    return this.units.run(job);
  }

  @OnJobFailed(ENQUEUED_JOBS.detectOutcome)
  onFailed(job: DetectionJob, { error, attemptsMade, final }: JobFailure): void {
    if (final) this.telemetry.deadLettered(job.unit, job.id, error.message);
    else this.logger.warn({ event: 'outcome_detection_retrying', unit: job.unit, subject_id: job.id, attempt: attemptsMade, error: error.message });
  }
}
