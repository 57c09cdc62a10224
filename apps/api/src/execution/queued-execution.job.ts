import { Injectable } from '@nestjs/common';
import { ENQUEUED_JOBS, QUEUES } from '@caseyos/contracts';
import { JobRun, OnJob } from '../platform/queues/on-job.decorator';
import { ExecutionSweep } from './execution-sweep';
import { ExecutionService } from './execution.service';

/** Runs a queued execution when its rate-limit window opens (the sweep catches any job Redis lost). */
@Injectable()
export class QueuedExecutionJob {
  constructor(
    private readonly executions: ExecutionService,
    private readonly sweep: ExecutionSweep,
  ) {}

  @OnJob({ name: ENQUEUED_JOBS.runQueuedExecution, queue: QUEUES.executionQueued })
  async run({ executionId }: { executionId: string }, { resumed }: JobRun): Promise<void> {
    // The worker that started it died mid-run: settle it now (what it made is adopted), rather
    // than leave it `running` until the sweep gives up on its deadline.
    if (resumed && (await this.sweep.recoverAbandoned(executionId))) return;
    return this.executions.runQueued(executionId);
  }
}
