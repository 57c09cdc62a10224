import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES } from '@caseyos/contracts';
import type { Job } from 'bullmq';
import { ShutdownAwareWorker } from '../../platform/queues/shutdown-aware-worker';
import { OutcomeTelemetry } from '../outcome-telemetry';
import type { DetectionJob } from './detection-jobs';
import { DetectionUnits } from './detection-units';

/** Works the detection queue; a job that fails its last try becomes a dead letter (logged and counted). */
@Processor(QUEUES.outcomeDetection)
export class OutcomeDetectionProcessor extends ShutdownAwareWorker {
  private readonly logger = new Logger('OutcomeDetection');

  constructor(
    private readonly units: DetectionUnits,
    private readonly telemetry: OutcomeTelemetry,
  ) {
    super();
  }

  async process(job: Job<DetectionJob>): Promise<number> {
    if (job.name !== 'detect') throw new Error(`OutcomeDetectionProcessor has no handler for job "${job.name}"`);
    return this.units.run(job.data);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<DetectionJob> | undefined, error: Error) {
    if (!job) return;
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) this.telemetry.deadLettered(job.data.unit, job.data.id, error.message);
    else
      this.logger.warn({ event: 'outcome_detection_retrying', unit: job.data.unit, subject_id: job.data.id, attempt: job.attemptsMade, error: error.message });
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error) {
    this.logger.warn({ event: 'worker_error', queue: QUEUES.outcomeDetection, error: error.message });
  }
}
