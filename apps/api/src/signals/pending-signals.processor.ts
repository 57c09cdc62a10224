import { Processor } from '@nestjs/bullmq';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { JobBeatsService } from '../platform/queues/job-beats.service';
import { ScheduledJobProcessor } from '../platform/queues/scheduled-job.processor';
import { SignalsService } from './signals.service';

/** Leaves a just-received signal to its request; retries only ones stuck for a while. */
const STUCK_AFTER_MS = 30_000;
const BATCH = 100;

/**
 * Signals stored but not turned into moves (processing failed, or the process died) get another
 * go; dedupe claims past their window are dropped on the way.
 */
@Processor(QUEUES.signals)
export class PendingSignalsProcessor extends ScheduledJobProcessor<number> {
  constructor(
    private readonly signals: SignalsService,
    beats: JobBeatsService,
  ) {
    super(SCHEDULED_JOBS.signalsRetry, beats);
  }

  protected async run(): Promise<number> {
    await this.signals.pruneDedupeKeys();
    const processed = await this.signals.processPending(STUCK_AFTER_MS, BATCH);
    if (processed === BATCH) this.logger.warn({ event: 'batch truncated', job: SCHEDULED_JOBS.signalsRetry, batch: BATCH });
    return processed;
  }
}
