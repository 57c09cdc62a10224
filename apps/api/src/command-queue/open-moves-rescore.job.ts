import { Injectable, Logger } from '@nestjs/common';
import { ENQUEUED_JOBS, QUEUES } from '@caseyos/contracts';
import { OnJob } from '../platform/queues/on-job.decorator';
import { CommandQueueService, RescoreRequest } from './command-queue.service';

/** Rescores the open moves of one (domain, action type) after outcomes moved its success rate (`requestRescore`). */
@Injectable()
export class OpenMovesRescoreJob {
  private readonly logger = new Logger('OpenMovesRescore');

  constructor(private readonly queue: CommandQueueService) {}

  @OnJob({ name: ENQUEUED_JOBS.rescoreOpenMoves, queue: QUEUES.queueRescore })
  async rescore({ domain, actionType }: RescoreRequest): Promise<void> {
    const { rescored, changed } = await this.queue.rescoreOpenMoves(domain, actionType);
    this.logger.log({ event: 'open_moves_rescored', domain, action_type: actionType, rescored, changed });
  }
}
