import { Injectable } from '@nestjs/common';
import { ExecutionService } from '../../execution/execution.service';
import { SignalsService } from '../../signals/signals.service';
import type { DetectionJob } from './detection-jobs';
import { ExecutionFates } from './execution-fates';
import { OutcomeDetection } from './outcome-detection';

/** Runs one queued detection: a signal through its detector, or a task's or meeting's fate. */
@Injectable()
export class DetectionUnits {
  constructor(
    private readonly signals: SignalsService,
    private readonly executions: ExecutionService,
    private readonly detection: OutcomeDetection,
    private readonly fates: ExecutionFates,
  ) {}

  /** How many outcomes were new. */
  async run(job: DetectionJob): Promise<number> {
    switch (job.unit) {
      case 'signal':
        return this.detection.detectSignal(await this.signals.get(job.id));
      case 'task':
        return this.detection.recordAll('task-detector', await this.fates.completedTasks([await this.executions.get(job.id)]));
      case 'meeting':
        return this.detection.recordAll('meeting-detector', await this.fates.meetingFate(await this.executions.get(job.id)));
    }
  }
}
