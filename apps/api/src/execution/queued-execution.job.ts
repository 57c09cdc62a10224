import { Injectable } from '@nestjs/common';
import { ENQUEUED_JOBS, QUEUES } from '@caseyos/contracts';
import { OnJob } from '../platform/queues/on-job.decorator';
import { ExecutionService } from './execution.service';

/** Runs a queued execution when its rate-limit window opens (the sweep catches any job Redis lost). */
@Injectable()
export class QueuedExecutionJob {
  constructor(private readonly executions: ExecutionService) {}

  @OnJob({ name: ENQUEUED_JOBS.runQueuedExecution, queue: QUEUES.executionQueued })
  run({ executionId }: { executionId: string }): Promise<void> {
    return this.executions.runQueued(executionId);
  }
}
