import { Injectable } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { OnJob, secondsIn } from '../../platform/queues/on-job.decorator';
import { OutcomeSettings } from '../outcome-settings';
import { OutcomeSweep } from './outcome-sweep';

@Injectable()
export class DetectOutcomesJob {
  constructor(private readonly sweeper: OutcomeSweep) {}

  @OnJob({ name: SCHEDULED_JOBS.detectOutcomes, queue: QUEUES.outcomesDetect, everySeconds: secondsIn(OutcomeSettings, 'OUTCOME_DETECT_EVERY_SECONDS') })
  sweep(): ReturnType<OutcomeSweep['sweep']> {
    return this.sweeper.sweep();
  }
}
