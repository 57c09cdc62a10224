import { Injectable } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { OnJob, secondsIn } from '../platform/queues/on-job.decorator';
import { ExecutionSettings } from './execution-settings';
import { ExecutionSweep } from './execution-sweep';

@Injectable()
export class ExecutionSweepJob {
  constructor(private readonly sweeper: ExecutionSweep) {}

  @OnJob({ name: SCHEDULED_JOBS.executionSweep, queue: QUEUES.executionSweep, everySeconds: secondsIn(ExecutionSettings, 'EXECUTION_SWEEP_SECONDS') })
  sweep(): ReturnType<ExecutionSweep['sweep']> {
    return this.sweeper.sweep();
  }
}
