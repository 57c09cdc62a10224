import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QUEUES } from '@caseyos/contracts';
import type { Job } from 'bullmq';
import { ShutdownAwareWorker } from '../platform/queues/shutdown-aware-worker';
import { CommandQueueService, RESCORE_JOB, RescoreRequest } from './command-queue.service';

/** Rescores the open moves of one (domain, action type) after outcomes moved its success rate. */
@Processor(QUEUES.queueRescore)
export class OpenMovesRescoreProcessor extends ShutdownAwareWorker {
  private readonly logger = new Logger('OpenMovesRescore');

  constructor(private readonly queue: CommandQueueService) {
    super();
  }

  async process(job: Job<RescoreRequest>): Promise<void> {
    if (job.name !== RESCORE_JOB) throw new Error(`OpenMovesRescoreProcessor has no handler for job "${job.name}"`);
    const { domain, actionType } = job.data;
    const { rescored, changed } = await this.queue.rescoreOpenMoves(domain, actionType);
    this.logger.log({ event: 'open_moves_rescored', domain, action_type: actionType, rescored, changed });
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error) {
    this.logger.warn({ event: 'worker_error', queue: QUEUES.queueRescore, error: error.message });
  }
}
