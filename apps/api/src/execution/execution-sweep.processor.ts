import { Processor } from '@nestjs/bullmq';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { JobBeatsService } from '../platform/queues/job-beats.service';
import { ScheduledJobProcessor } from '../platform/queues/scheduled-job.processor';
import { ExecutionSweep } from './execution-sweep';

@Processor(QUEUES.executionSweep)
export class ExecutionSweepProcessor extends ScheduledJobProcessor<{ started: number; strays: number }> {
  constructor(
    private readonly sweeper: ExecutionSweep,
    beats: JobBeatsService,
  ) {
    super(SCHEDULED_JOBS.executionSweep, beats);
  }

  protected run() {
    return this.sweeper.sweep();
  }
}
