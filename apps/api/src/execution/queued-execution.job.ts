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
  async run({ executionId }: { executionId: string }, run: JobRun): Promise<void> {
    if (run.resumed) {
      // The worker that started it lost the job: settle what it left (what it made is adopted) once
      // its run can no longer be going, and come back then if that is later.
      const abandoned = await this.sweep.recoverAbandoned(executionId);
      if (abandoned.state === 'recovered') return;
      if (abandoned.state === 'maybe-alive') return run.postpone(abandoned.recoverInMs);
    }
    return this.executions.runQueued(executionId);
  }
}
