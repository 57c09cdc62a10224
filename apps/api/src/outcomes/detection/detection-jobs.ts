import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { DeadLetterView, DeadLettersResponse, DetectionUnit, ENQUEUED_JOBS, QUEUES } from '@caseyos/contracts';
import type { Job, Queue } from 'bullmq';
import { ProblemException } from '../../platform/http/problem-details.filter';
import { OutcomeSettings } from '../outcome-settings';

export interface DetectionJob {
  unit: DetectionUnit;
  id: string;
}

/** Dead letters are kept this long (or until retried); older ones are dropped as BullMQ trims failed jobs. */
const DEAD_LETTER_AGE_S = 30 * 24 * 3600;

/**
 * The queue of single detections: a signal to read for outcomes, or a task or meeting execution
 * whose fate the provider knows. Each is tried OUTCOME_DETECTION_ATTEMPTS times with doubling
 * backoff; one that fails them all stays in the queue's failed set: the dead letters.
 */
@Injectable()
export class DetectionJobs {
  private readonly logger = new Logger('OutcomeDetection');

  constructor(
    @InjectQueue(QUEUES.outcomeDetection) private readonly queue: Queue<DetectionJob>,
    private readonly settings: OutcomeSettings,
  ) {}

  /** Queued once while it waits (the job id is the unit), so the stored-signal hook and the sweep do not double it. */
  async enqueue(job: DetectionJob): Promise<void> {
    await this.queue.add(ENQUEUED_JOBS.detectOutcome, job, {
      jobId: `${job.unit}-${job.id}`,
      attempts: this.settings.OUTCOME_DETECTION_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.settings.OUTCOME_DETECTION_BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: { age: DEAD_LETTER_AGE_S },
    });
  }

  /** Best effort: the sweep finds what a lost enqueue missed. */
  enqueueSoon(job: DetectionJob): void {
    this.enqueue(job).catch((error: Error) => this.logger.warn({ event: 'detection_not_queued', unit: job.unit, subject_id: job.id, error: error.message }));
  }

  async deadLetters(limit: number): Promise<DeadLettersResponse> {
    const [jobs, total] = await Promise.all([this.queue.getFailed(0, limit - 1), this.queue.getFailedCount()]);
    return { items: jobs.map(toDeadLetter), total };
  }

  /** Dead letters that failed their last try after `since` (the newest hundred looked at), and how many there are. */
  async deadLetterGrowth(since: Date): Promise<{ newSince: number; total: number }> {
    const [newest, total] = await Promise.all([this.queue.getFailed(0, 99), this.queue.getFailedCount()]);
    return { newSince: newest.filter((job) => (job.finishedOn ?? 0) > since.getTime()).length, total };
  }

  /** Tries a dead letter again now (its attempts start over). */
  async retry(id: string): Promise<DeadLetterView> {
    const job = await this.queue.getJob(id);
    if (!job || !(await job.isFailed())) throw new ProblemException(404, 'not-found', `No dead letter ${id}.`);
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch {
      // Another retry of the same letter got there first: it is no longer failed.
      throw new ProblemException(409, 'conflict', `Dead letter ${id} is being retried already.`);
    }
    return { ...toDeadLetter(job), attempts: 0 };
  }
}

function toDeadLetter(job: Job<DetectionJob>): DeadLetterView {
  return {
    id: job.id ?? `${job.data.unit}-${job.data.id}`,
    unit: job.data.unit,
    subject_id: job.data.id,
    error: job.failedReason ?? 'unknown',
    attempts: job.attemptsMade,
    first_tried_at: new Date(job.timestamp).toISOString(),
    failed_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
