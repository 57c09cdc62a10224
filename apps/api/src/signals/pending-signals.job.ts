import { Injectable, Logger } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { OnJob } from '../platform/queues/on-job.decorator';
import { SignalsService } from './signals.service';

const RETRY_EVERY_MS = 60_000;
/** Leaves a just-received signal to its request; retries only ones stuck for a while. */
const STUCK_AFTER_MS = 30_000;
const BATCH = 100;

/**
 * Signals stored but not turned into moves (processing failed, or the process died) get another
 * go; dedupe claims past their window are dropped on the way.
 */
@Injectable()
export class PendingSignalsJob {
  private readonly logger = new Logger('PendingSignals');

  constructor(private readonly signals: SignalsService) {}

  @OnJob({ name: SCHEDULED_JOBS.signalsRetry, queue: QUEUES.signals, everyMs: RETRY_EVERY_MS })
  async retry(): Promise<number> {
    await this.signals.pruneDedupeKeys();
    const processed = await this.signals.processPending(STUCK_AFTER_MS, BATCH);
    if (processed === BATCH) this.logger.warn({ event: 'batch truncated', job: SCHEDULED_JOBS.signalsRetry, batch: BATCH });
    return processed;
  }
}
