import { Processor } from '@nestjs/bullmq';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { JobBeatsService } from '../../platform/queues/job-beats.service';
import { ScheduledJobProcessor } from '../../platform/queues/scheduled-job.processor';
import { OutcomeSweep } from './outcome-sweep';

@Processor(QUEUES.outcomesDetect)
export class DetectOutcomesProcessor extends ScheduledJobProcessor<Awaited<ReturnType<OutcomeSweep['sweep']>>> {
  constructor(
    private readonly sweeper: OutcomeSweep,
    beats: JobBeatsService,
  ) {
    super(SCHEDULED_JOBS.detectOutcomes, beats);
  }

  protected run() {
    return this.sweeper.sweep();
  }
}
