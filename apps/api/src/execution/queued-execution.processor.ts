import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES } from '@caseyos/contracts';
import type { Job } from 'bullmq';
import { ShutdownAwareWorker } from '../platform/queues/shutdown-aware-worker';
import { ExecutionService } from './execution.service';

/** Runs a queued execution when its rate-limit window opens (the sweep catches any job Redis lost). */
@Processor(QUEUES.executionQueued)
export class QueuedExecutionProcessor extends ShutdownAwareWorker {
  private readonly logger = new Logger('QueuedExecution');

  constructor(private readonly executions: ExecutionService) {
    super();
  }

  async process(job: Job<{ executionId: string }>): Promise<void> {
    if (job.name !== 'run-queued') throw new Error(`QueuedExecutionProcessor has no handler for job "${job.name}"`);
    await this.executions.runQueued(job.data.executionId);
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error) {
    this.logger.warn({ event: 'worker_error', queue: QUEUES.executionQueued, error: error.message });
  }
}
